package fr.caf38.cdap.events.value;

/** T1 staff who would use Cdap. OTHER covers staff the profile does not name, so a partner can say so honestly (and the rules reject it). */
public enum StaffRole {
    SOCIAL_WORKER, ESF_ADVISER, OTHER
}
