package fr.caf38.cdap.eligibility.review;

import fr.caf38.cdap.input.problem.ProblemKind;
import org.springframework.http.HttpStatus;

/**
 * The problems of the decisions API, besides the {@link fr.caf38.cdap.input.problem.CommonProblem}s of
 * every service: the {@code code} of the problem+json, worded in the bundle.
 */
public enum EligibilityProblem implements ProblemKind {
    VALIDATION_FAILED(HttpStatus.BAD_REQUEST),
    NOT_FOUND(HttpStatus.NOT_FOUND),
    /** The request is decided, or waits for the partner's changes: there is nothing to review. */
    NOT_UNDER_REVIEW(HttpStatus.CONFLICT),
    /** Another agent's review was stored between this one's reading and writing. */
    DECIDED_MEANWHILE(HttpStatus.CONFLICT);

    private final HttpStatus status;

    EligibilityProblem(HttpStatus status) {
        this.status = status;
    }

    @Override
    public HttpStatus status() {
        return status;
    }
}
