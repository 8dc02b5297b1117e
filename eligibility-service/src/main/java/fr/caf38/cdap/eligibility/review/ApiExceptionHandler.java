package fr.caf38.cdap.eligibility.review;

import fr.caf38.cdap.input.problem.ApiProblem;
import fr.caf38.cdap.input.problem.ApiProblemHandler;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The decisions API's errors, answered as every service answers them ({@link ApiProblemHandler}). The
 * review's exceptions are the domain's (the console catches them too); here they become problems.
 */
@RestControllerAdvice(assignableTypes = DecisionApiController.class)
class ApiExceptionHandler extends ApiProblemHandler {

    ApiExceptionHandler() {
        super(EligibilityProblem.class);
    }

    @ExceptionHandler(InvalidInputException.class)
    ResponseEntity<Object> invalid(InvalidInputException e) {
        // A body that could not be read at all says so in the detail; otherwise the fields are listed.
        String detail = e.problems().stream().filter(p -> p.field() == null).map(FieldProblem::message).findFirst()
                .orElse(EligibilityProblem.VALIDATION_FAILED.detail());
        return render(new ApiProblem(EligibilityProblem.VALIDATION_FAILED, detail, e.problems(), null));
    }

    @ExceptionHandler(DecisionNotFoundException.class)
    ResponseEntity<Object> notFound(DecisionNotFoundException e) {
        return render(ApiProblem.of(EligibilityProblem.NOT_FOUND));
    }

    @ExceptionHandler(ReviewConflictException.class)
    ResponseEntity<Object> conflict(ReviewConflictException e) {
        return render(new ApiProblem(e.kind(), e.getMessage(), null, null));
    }
}
