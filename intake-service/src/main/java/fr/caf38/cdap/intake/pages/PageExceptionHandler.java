package fr.caf38.cdap.intake.pages;

import fr.caf38.cdap.input.problem.CommonProblem;
import fr.caf38.cdap.intake.IntakeMetrics;
import fr.caf38.cdap.intake.web.IntakeProblem;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/**
 * A failure on a partner page gets a page in French, not the API's JSON problem: this advice comes
 * before the API's, and only for the page controllers.
 */
@ControllerAdvice(assignableTypes = {PartnerFormController.class, TrackingPageController.class,
        AmendmentPageController.class})
@Order(Ordered.HIGHEST_PRECEDENCE)
class PageExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(PageExceptionHandler.class);

    private final IntakeMetrics metrics;

    PageExceptionHandler(IntakeMetrics metrics) {
        this.metrics = metrics;
    }

    /**
     * The form's parameters could not be read: above {@code server.tomcat.max-http-form-post-size} (Tomcat
     * says 413), or badly encoded. Nothing was read, so nothing was stored.
     */
    @ExceptionHandler(InvalidParameterException.class)
    ModelAndView unreadableForm(InvalidParameterException e) {
        boolean tooLarge = e.getErrorCode() == HttpStatus.CONTENT_TOO_LARGE.value();
        metrics.rejected(tooLarge ? CommonProblem.PAYLOAD_TOO_LARGE.name() : CommonProblem.BAD_REQUEST.name());
        // Otherwise Tomcat could not decode them: malformed or overlong UTF-8, a broken %-escape.
        return page(tooLarge ? "tooLarge" : "unreadable",
                tooLarge ? HttpStatus.CONTENT_TOO_LARGE : HttpStatus.BAD_REQUEST);
    }

    @ExceptionHandler(Exception.class)
    ModelAndView failure(Exception e) {
        HttpStatusCode status = e instanceof ErrorResponse known ? known.getStatusCode()
                : HttpStatus.INTERNAL_SERVER_ERROR;
        if (status.is5xxServerError()) {
            log.error("Unexpected error on a partner page", e);
            return page("server", status);
        }
        return page("badRequest", status);
    }

    private static ModelAndView page(String kind, HttpStatusCode status) {
        return new ModelAndView("handled-error", status).addObject("kind", kind);
    }
}
