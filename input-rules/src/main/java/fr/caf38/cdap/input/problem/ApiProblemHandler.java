package fr.caf38.cdap.input.problem;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;

import java.util.ArrayList;
import java.util.List;

/**
 * How every service answers its API's errors: {@code application/problem+json} (RFC 9457) in French,
 * always with a {@code code} property naming a {@link ProblemKind}, and {@code errors} for field
 * errors. The application throws {@link ApiProblem}; the framework's own refusals become the
 * {@link CommonProblem} of their status ({@link FrameworkProblemHandler}); a store that
 * cannot be reached is {@code 503 STORE_UNAVAILABLE}; anything unexpected is logged and answered
 * {@code 500 INTERNAL_ERROR}, without its message.
 *
 * <p>Each service declares one subclass, {@code ApiExceptionHandler}, annotated
 * {@code @RestControllerAdvice} for its API controllers, naming the enum of its own problems so that
 * a problem without its French text stops the service at start-up.
 */
public abstract class ApiProblemHandler extends FrameworkProblemHandler {
    private static final Logger log = LoggerFactory.getLogger(ApiProblemHandler.class);

    protected <E extends Enum<E> & ProblemKind> ApiProblemHandler(Class<E> serviceProblems) {
        List<String> missing = new ArrayList<>(ProblemKind.unworded(CommonProblem.class));
        missing.addAll(ProblemKind.unworded(serviceProblems));
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Problems without their French text in the wording bundle: " + missing);
        }
    }

    @ExceptionHandler(ApiProblem.class)
    ResponseEntity<Object> problem(ApiProblem problem) {
        return render(problem);
    }

    @ExceptionHandler(DataAccessResourceFailureException.class)
    ResponseEntity<Object> storeUnavailable(DataAccessResourceFailureException e) {
        log.warn("Store unavailable: {}", e.toString());
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, "30");
        return render(new ApiProblem(CommonProblem.STORE_UNAVAILABLE, CommonProblem.STORE_UNAVAILABLE.detail(),
                null, headers));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e) {
        log.error("Unexpected error while handling a request", e);
        return render(ApiProblem.of(CommonProblem.INTERNAL_ERROR));
    }
}
