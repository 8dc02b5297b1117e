package fr.caf38.cdap.intake.web;

import fr.caf38.cdap.intake.IntakeMetrics;
import fr.caf38.cdap.intake.validation.ErrorCode;
import fr.caf38.cdap.intake.validation.InputError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.util.List;

/**
 * Every error answer as {@code application/problem+json} (RFC 9457) in French, with a {@code code}
 * property, and for a {@code 400} the list of {@code errors} ({@code field}, {@code code}, {@code message}).
 */
@RestControllerAdvice
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    private final IntakeMetrics metrics;

    public ApiExceptionHandler(IntakeMetrics metrics) {
        this.metrics = metrics;
    }

    @ExceptionHandler(ApiProblem.class)
    ResponseEntity<Object> problem(ApiProblem problem) {
        return render(problem.code(), problem.detail(), problem.errors(), problem.headers());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e) {
        log.error("Unexpected error while handling a request", e);
        return render(ProblemCode.INTERNAL_ERROR, ProblemCode.INTERNAL_ERROR.detail(), null, null);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(HttpMediaTypeNotSupportedException ex,
                                                                     HttpHeaders headers, HttpStatusCode status,
                                                                     WebRequest request) {
        metrics.rejected(ProblemCode.UNSUPPORTED_MEDIA_TYPE.name());
        return super.handleHttpMediaTypeNotSupported(ex, headers, status, request);
    }

    /** Only an I/O failure while reading gets here: the strict converter reports bad JSON itself. */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        List<InputError> errors = List.of(InputError.of(null, ErrorCode.MALFORMED_JSON));
        metrics.rejected(errors);
        return render(ProblemCode.VALIDATION_FAILED, ProblemCode.VALIDATION_FAILED.detail(), errors, headers);
    }

    /** Spring's own errors (unknown path, wrong method...) get the same French problem form. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
                                                             HttpStatusCode statusCode, WebRequest request) {
        ProblemCode code = switch (statusCode.value()) {
            case 404 -> ProblemCode.RESOURCE_NOT_FOUND;
            case 405 -> ProblemCode.METHOD_NOT_ALLOWED;
            case 406 -> ProblemCode.NOT_ACCEPTABLE;
            case 413 -> ProblemCode.PAYLOAD_TOO_LARGE;
            case 415 -> ProblemCode.UNSUPPORTED_MEDIA_TYPE;
            default -> statusCode.is5xxServerError() ? ProblemCode.INTERNAL_ERROR : ProblemCode.BAD_REQUEST;
        };
        String detail = code == ProblemCode.PAYLOAD_TOO_LARGE ? "Le corps de la requête est trop volumineux."
                : code.detail();
        ProblemDetail problem = problemDetail(code, detail, null);
        problem.setStatus(statusCode.value());
        return super.handleExceptionInternal(ex, problem, headers, statusCode, request);
    }

    static ResponseEntity<Object> render(ProblemCode code, String detail, List<InputError> errors,
                                         HttpHeaders headers) {
        return ResponseEntity.status(code.status())
                .headers(headers == null ? HttpHeaders.EMPTY : headers)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problemDetail(code, detail, errors));
    }

    private static ProblemDetail problemDetail(ProblemCode code, String detail, List<InputError> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(code.status(), detail);
        problem.setTitle(code.title());
        problem.setProperty("code", code.name());
        if (errors != null) {
            problem.setProperty("errors", errors);
        }
        return problem;
    }
}
