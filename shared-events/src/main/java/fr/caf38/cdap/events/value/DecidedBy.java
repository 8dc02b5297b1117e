package fr.caf38.cdap.events.value;

/** Who took a decision. */
public enum DecidedBy {
    RULES, AGENT
}
