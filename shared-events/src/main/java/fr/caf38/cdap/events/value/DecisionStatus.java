package fr.caf38.cdap.events.value;

/** The outcome of an eligibility decision. Every status but UNDER_REVIEW is final in this version. */
public enum DecisionStatus {
    APPROVED, REJECTED, REDIRECTED_TO_CAFPRO, UNDER_REVIEW;

    public boolean isFinal() {
        return this != UNDER_REVIEW;
    }
}
