package fr.caf38.cdap.input.problem;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.util.List;

/**
 * The framework's own refusals (unknown path, wrong method or media type, a parameter of the wrong
 * type...) as problem+json with the {@link CommonProblem} of their status, in French: what Spring
 * Boot's problem-details handler does, with a {@code code}. No catch-all: an advice of this kind
 * leaves the application's exceptions to the handlers that know them (a service whose API handler is
 * scoped to its controllers declares one of these for everything answered before a controller is
 * chosen). {@link ApiProblemHandler} extends it.
 */
public abstract class FrameworkProblemHandler extends ResponseEntityExceptionHandler {

    /** The framework's own refusals, in the same form as the application's. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
                                                             HttpStatusCode statusCode, WebRequest request) {
        ApiProblem problem = frameworkProblem(ex, statusCode);
        ProblemDetail detail = problemDetail(problem);
        detail.setStatus(statusCode.value());
        return super.handleExceptionInternal(ex, detail, headers, statusCode, request);
    }

    /** The problem a framework refusal is answered with; a service may name a more precise one. */
    protected ApiProblem frameworkProblem(Exception ex, HttpStatusCode status) {
        if (ex instanceof TypeMismatchException || ex instanceof MissingServletRequestParameterException) {
            return ApiProblem.of(CommonProblem.INVALID_PARAMETER);
        }
        if (ex instanceof HttpMessageNotReadableException) {
            return new ApiProblem(CommonProblem.BAD_REQUEST, CommonProblem.BAD_REQUEST.detailFor("unreadable"),
                    null, null);
        }
        return ApiProblem.of(CommonProblem.forStatus(status.value()));
    }

    public static ResponseEntity<Object> render(ApiProblem problem) {
        return ResponseEntity.status(problem.kind().status())
                .headers(problem.headers())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problemDetail(problem));
    }

    private static ProblemDetail problemDetail(ApiProblem problem) {
        ProblemDetail detail = ProblemDetail.forStatusAndDetail(problem.kind().status(), problem.detail());
        detail.setTitle(problem.kind().title());
        detail.setProperty("code", problem.kind().name());
        if (problem.errors() != null) {
            detail.setProperty("errors", problem.errors());
        }
        problem.properties().forEach(detail::setProperty);
        return detail;
    }
}
