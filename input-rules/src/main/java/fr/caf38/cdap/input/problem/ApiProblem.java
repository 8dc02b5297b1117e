package fr.caf38.cdap.input.problem;

import org.springframework.http.HttpHeaders;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An error answer decided by the application: thrown anywhere on an API's path, rendered as
 * problem+json by the service's {@link ApiProblemHandler}.
 */
public class ApiProblem extends RuntimeException {
    private final ProblemKind kind;
    private final String detail;
    private final List<?> errors;
    private final HttpHeaders headers;
    private final Map<String, Object> properties;

    public ApiProblem(ProblemKind kind, String detail, List<?> errors, HttpHeaders headers) {
        this(kind, detail, errors, headers, Map.of());
    }

    private ApiProblem(ProblemKind kind, String detail, List<?> errors, HttpHeaders headers,
                       Map<String, Object> properties) {
        super(kind.name(), null, false, false);
        this.kind = kind;
        this.detail = detail;
        this.errors = errors == null ? null : List.copyOf(errors);
        this.headers = headers == null ? HttpHeaders.EMPTY : headers;
        this.properties = properties;
    }

    /** The same problem with one more property of its body (e.g. {@code currentStatus}). */
    public ApiProblem with(String property, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(properties);
        more.put(property, value);
        return new ApiProblem(kind, detail, errors, headers, Map.copyOf(more));
    }

    /** The problem with its worded detail, {@code {n}} filled with {@code detailValues}. */
    public static ApiProblem of(ProblemKind kind, Object... detailValues) {
        return new ApiProblem(kind, kind.detail(detailValues), null, null);
    }

    /** A {@code 400} listing every field error at once. */
    public static ApiProblem invalid(ProblemKind kind, List<?> errors) {
        return new ApiProblem(kind, kind.detail(), errors, null);
    }

    public ProblemKind kind() {
        return kind;
    }

    public String detail() {
        return detail;
    }

    /** The field errors ({@code errors} property), else null. */
    public List<?> errors() {
        return errors;
    }

    public HttpHeaders headers() {
        return headers;
    }

    /** Further properties of the body, beside {@code code} and {@code errors}. */
    public Map<String, Object> properties() {
        return properties;
    }
}
