package fr.caf38.cdap.intake.web;

import fr.caf38.cdap.input.problem.ApiProblem;
import fr.caf38.cdap.input.problem.ApiProblemHandler;
import fr.caf38.cdap.input.problem.CommonProblem;
import fr.caf38.cdap.intake.IntakeMetrics;
import fr.caf38.cdap.intake.validation.ErrorCode;
import fr.caf38.cdap.intake.validation.InputError;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;

import java.util.List;

/**
 * The API's errors, answered as every service answers them ({@link ApiProblemHandler}); here the
 * refusals are also counted ({@code intake_requests_rejected_total{code}}), and a body that could not
 * be read is a field error like any other.
 */
@RestControllerAdvice
public class ApiExceptionHandler extends ApiProblemHandler {
    private final IntakeMetrics metrics;

    public ApiExceptionHandler(IntakeMetrics metrics) {
        super(IntakeProblem.class);
        this.metrics = metrics;
    }

    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(HttpMediaTypeNotSupportedException ex,
                                                                     HttpHeaders headers, HttpStatusCode status,
                                                                     WebRequest request) {
        metrics.rejected(CommonProblem.UNSUPPORTED_MEDIA_TYPE.name());
        return super.handleHttpMediaTypeNotSupported(ex, headers, status, request);
    }

    /** Only an I/O failure while reading gets here: the strict converter reports bad JSON itself. */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        List<InputError> errors = List.of(InputError.of(null, ErrorCode.MALFORMED_JSON));
        metrics.rejected(errors);
        return render(new ApiProblem(IntakeProblem.VALIDATION_FAILED, IntakeProblem.VALIDATION_FAILED.detail(), errors,
                headers));
    }
}
