package fr.caf38.cdap.events.value;

/** Level of a rule finding, from harmless to decisive. */
public enum FindingLevel {
    OK, INFO, REVIEW, REJECT, REDIRECT
}
