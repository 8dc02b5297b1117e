package fr.caf38.cdap.eligibility.console;

import fr.caf38.cdap.wording.Wording;
import fr.caf38.cdap.eligibility.review.DecisionNotFoundException;
import fr.caf38.cdap.security.AgentNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.ModelAndView;

/** What every page of the console shows (the agent signed in), and its errors as French pages. */
@ControllerAdvice(assignableTypes = {ListPagesController.class, RequestPageController.class, SignInController.class,
        DashboardController.class})
class ConsolePages {
    private static final Logger log = LoggerFactory.getLogger(ConsolePages.class);

    private final AgentNames agentNames;

    ConsolePages(AgentNames agentNames) {
        this.agentNames = agentNames;
    }

    /** The name shown in the header, or null on the pages seen before signing in. */
    @ModelAttribute("agent")
    String agent(Authentication authentication) {
        return nameOf(authentication);
    }

    @ExceptionHandler(DecisionNotFoundException.class)
    ModelAndView notFound(Authentication authentication) {
        return ErrorPages.page(HttpStatus.NOT_FOUND, Wording.text("console.requestNotFound.title"),
                Wording.text("console.requestNotFound.text"), nameOf(authentication));
    }

    @ExceptionHandler(DataAccessResourceFailureException.class)
    ModelAndView storeDown(DataAccessResourceFailureException e, Authentication authentication) {
        log.warn("Decision store unavailable for a console page: {}", e.toString());
        return ErrorPages.page(HttpStatus.SERVICE_UNAVAILABLE, Wording.text("console.storeDown.title"),
                Wording.text("console.storeDown.text"), nameOf(authentication));
    }

    private String nameOf(Authentication authentication) {
        return nameOf(agentNames, authentication);
    }

    static String nameOf(AgentNames agentNames, Authentication authentication) {
        if (authentication == null || authentication instanceof AnonymousAuthenticationToken
                || !authentication.isAuthenticated()) {
            return null;
        }
        return agentNames.of(authentication);
    }
}
