package fr.caf38.cdap.events.value;

/**
 * The outcome of a decision. {@code UNDER_REVIEW} waits for an agent, {@code CHANGES_REQUESTED} (an
 * agent's "demande de compléments") waits for the partner's amendment; every other status is final.
 */
public enum DecisionStatus {
    APPROVED, REJECTED, REDIRECTED_TO_CAFPRO, UNDER_REVIEW, CHANGES_REQUESTED;

    public boolean isFinal() {
        return this != UNDER_REVIEW && this != CHANGES_REQUESTED;
    }
}
