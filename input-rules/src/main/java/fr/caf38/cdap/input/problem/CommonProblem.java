package fr.caf38.cdap.input.problem;

import org.springframework.http.HttpStatus;

/**
 * The problems every service answers the same way: what the framework, the container and the security
 * layer refuse, and the failures no service can help. A service's own problems are in its own enum.
 */
public enum CommonProblem implements ProblemKind {
    BAD_REQUEST(HttpStatus.BAD_REQUEST),
    /** A query parameter that is missing or of the wrong type ({@code page=abc}). */
    INVALID_PARAMETER(HttpStatus.BAD_REQUEST),
    CONTROL_CHARACTERS(HttpStatus.BAD_REQUEST),
    AUTHENTICATION_REQUIRED(HttpStatus.UNAUTHORIZED),
    ACCESS_DENIED(HttpStatus.FORBIDDEN),
    RESOURCE_NOT_FOUND(HttpStatus.NOT_FOUND),
    METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED),
    NOT_ACCEPTABLE(HttpStatus.NOT_ACCEPTABLE),
    PAYLOAD_TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE),
    /** The request line or the headers are longer than the container takes (414, 431). */
    REQUEST_TOO_LONG(HttpStatus.URI_TOO_LONG),
    UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE),
    SIGN_IN_LOCKED(HttpStatus.TOO_MANY_REQUESTS),
    INTERNAL_ERROR(HttpStatus.INTERNAL_SERVER_ERROR),
    /** The service's store cannot be reached: nothing was read or written, try again. */
    STORE_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE),
    /** The sign-in counts cannot be read: no way to check credentials safely. */
    SIGN_IN_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE);

    private final HttpStatus status;

    CommonProblem(HttpStatus status) {
        this.status = status;
    }

    @Override
    public HttpStatus status() {
        return status;
    }

    /** The problem of an error status the framework or the container decided by itself. */
    public static CommonProblem forStatus(int status) {
        return switch (status) {
            case 401 -> AUTHENTICATION_REQUIRED;
            case 403 -> ACCESS_DENIED;
            case 404 -> RESOURCE_NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 413 -> PAYLOAD_TOO_LARGE;
            case 414, 431 -> REQUEST_TOO_LONG;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            default -> status >= 500 ? INTERNAL_ERROR : BAD_REQUEST;
        };
    }
}
