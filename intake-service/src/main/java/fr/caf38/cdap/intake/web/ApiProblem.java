package fr.caf38.cdap.intake.web;

import fr.caf38.cdap.intake.validation.InputError;
import org.springframework.http.HttpHeaders;

import java.util.List;

/** An error answer decided by the application, rendered as a problem by {@link ApiExceptionHandler}. */
public class ApiProblem extends RuntimeException {
    private final ProblemCode code;
    private final String detail;
    private final List<InputError> errors;
    private final HttpHeaders headers;

    public ApiProblem(ProblemCode code, String detail, List<InputError> errors, HttpHeaders headers) {
        super(code.name(), null, false, false);
        this.code = code;
        this.detail = detail;
        this.errors = errors == null ? null : List.copyOf(errors);
        this.headers = headers == null ? HttpHeaders.EMPTY : headers;
    }

    public static ApiProblem of(ProblemCode code, Object... detailValues) {
        return new ApiProblem(code, code.detail(detailValues), null, null);
    }

    /** {@code 400} listing every error. */
    public static ApiProblem invalid(List<InputError> errors) {
        return new ApiProblem(ProblemCode.VALIDATION_FAILED, ProblemCode.VALIDATION_FAILED.detail(), errors, null);
    }

    public ProblemCode code() {
        return code;
    }

    public String detail() {
        return detail;
    }

    /** The field errors of a {@code 400}, else null. */
    public List<InputError> errors() {
        return errors;
    }

    public HttpHeaders headers() {
        return headers;
    }
}
