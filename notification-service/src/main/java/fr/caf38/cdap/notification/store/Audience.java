package fr.caf38.cdap.notification.store;

/** Who an email is for: the partner (ordered per request, announced by PartnerNotified) or the Caf's agents. */
public enum Audience {
    PARTNER, AGENTS
}
