package fr.caf38.cdap.notification.api;

import fr.caf38.cdap.input.problem.ApiProblemHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The notifications API's errors, answered as every service answers them ({@link ApiProblemHandler}). */
@RestControllerAdvice
class ApiExceptionHandler extends ApiProblemHandler {
    ApiExceptionHandler() {
        super(NotificationProblem.class);
    }
}
