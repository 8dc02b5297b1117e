package fr.caf38.cdap.intake.pages;

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
@ControllerAdvice(assignableTypes = {PartnerFormController.class, TrackingPageController.class})
@Order(Ordered.HIGHEST_PRECEDENCE)
class PageExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(PageExceptionHandler.class);

    @ExceptionHandler(Exception.class)
    ModelAndView failure(Exception e) {
        HttpStatusCode status = e instanceof ErrorResponse known ? known.getStatusCode()
                : HttpStatus.INTERNAL_SERVER_ERROR;
        if (status.is5xxServerError()) {
            log.error("Unexpected error on a partner page", e);
        }
        return new ModelAndView("erreur", status).addObject("serverError", status.is5xxServerError());
    }
}
