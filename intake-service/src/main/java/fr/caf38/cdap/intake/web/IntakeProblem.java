package fr.caf38.cdap.intake.web;

import fr.caf38.cdap.input.problem.ProblemKind;
import org.springframework.http.HttpStatus;

/**
 * The problems of intake's API, besides the {@link fr.caf38.cdap.input.problem.CommonProblem}s of every
 * service: the {@code code} of the problem+json, worded in the bundle. Listed in the README.
 */
public enum IntakeProblem implements ProblemKind {
    VALIDATION_FAILED(HttpStatus.BAD_REQUEST),
    NOT_FOUND(HttpStatus.NOT_FOUND),
    IDEMPOTENCY_KEY_REUSED(HttpStatus.CONFLICT),
    NOT_AWAITING_CHANGES(HttpStatus.CONFLICT),
    TOO_MANY_REQUESTS(HttpStatus.TOO_MANY_REQUESTS);

    private final HttpStatus status;

    IntakeProblem(HttpStatus status) {
        this.status = status;
    }

    @Override
    public HttpStatus status() {
        return status;
    }
}
