package fr.caf38.cdap.notification.api;

import fr.caf38.cdap.input.problem.ProblemKind;
import org.springframework.http.HttpStatus;

/**
 * The problems of the notifications API, besides the {@link fr.caf38.cdap.input.problem.CommonProblem}s
 * of every service: the {@code code} of the problem+json, worded in the bundle.
 */
public enum NotificationProblem implements ProblemKind {
    VALIDATION_FAILED(HttpStatus.BAD_REQUEST),
    NOT_FOUND(HttpStatus.NOT_FOUND),
    /** Only a FAILED email can be put back in the queue. */
    NOT_FAILED(HttpStatus.CONFLICT);

    private final HttpStatus status;

    NotificationProblem(HttpStatus status) {
        this.status = status;
    }

    @Override
    public HttpStatus status() {
        return status;
    }
}
