package fr.caf38.cdap.eligibility.review;

import fr.caf38.cdap.input.problem.FrameworkProblemHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * What the framework refuses before a controller is chosen (a body of the wrong media type, a wrong
 * method...), on every path: {@link ApiExceptionHandler} is scoped to the API's controller so that
 * the console's pages keep their own handlers, and so does not see these.
 */
@RestControllerAdvice
class FrameworkProblems extends FrameworkProblemHandler {
}
