package fr.caf38.cdap.eligibility.console;

import fr.caf38.cdap.wording.Wording;
import fr.caf38.cdap.input.problem.ApiProblem;
import fr.caf38.cdap.input.problem.FrameworkProblemHandler;
import fr.caf38.cdap.input.problem.CommonProblem;
import fr.caf38.cdap.security.AgentNames;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import java.util.List;

/**
 * An address that leads nowhere: a French page for an agent's browser, the problem every service
 * answers ({@code RESOURCE_NOT_FOUND}) for the API, the operations endpoints and any client that
 * does not ask for HTML. Runs before Boot's problem-details handler, which would answer JSON to both.
 */
@ControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ErrorPages {
    private static final List<String> MACHINE_PATHS = List.of("/api/", "/actuator", "/v3/", "/swagger-ui");

    private final AgentNames agentNames;

    ErrorPages(AgentNames agentNames) {
        this.agentNames = agentNames;
    }

    @ExceptionHandler(NoResourceFoundException.class)
    Object noSuchPage(NoResourceFoundException e, HttpServletRequest request, Authentication authentication) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (MACHINE_PATHS.stream().anyMatch(path::startsWith) || !acceptsHtml(request)) {
            return FrameworkProblemHandler.render(ApiProblem.of(CommonProblem.RESOURCE_NOT_FOUND));
        }
        return page(HttpStatus.NOT_FOUND, Wording.text("console.pageNotFound.title"),
                Wording.text("console.pageNotFound.text"),
                ConsolePages.nameOf(agentNames, authentication));
    }

    static ModelAndView page(HttpStatus status, String title, String message, String agent) {
        ModelAndView page = new ModelAndView("handled-error", status);
        page.addObject("title", title);
        page.addObject("message", message);
        page.addObject("agent", agent);
        return page;
    }

    private static boolean acceptsHtml(HttpServletRequest request) {
        String accept = request.getHeader("Accept");
        if (accept == null) {
            return false;
        }
        try {
            return MediaType.parseMediaTypes(accept).stream()
                    .anyMatch(type -> type.getType().equals("text") && type.getSubtype().equals("html"));
        } catch (IllegalArgumentException unreadable) {
            return false;
        }
    }
}
