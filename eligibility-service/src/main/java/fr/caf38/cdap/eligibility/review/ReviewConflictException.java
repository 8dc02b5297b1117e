package fr.caf38.cdap.eligibility.review;

/** The request is not (or no longer) waiting for a review. The message is the problem's French detail. */
public class ReviewConflictException extends RuntimeException {
    private final EligibilityProblem kind;

    public ReviewConflictException(EligibilityProblem kind, String frenchDetail) {
        super(frenchDetail);
        this.kind = kind;
    }

    public EligibilityProblem kind() {
        return kind;
    }
}
