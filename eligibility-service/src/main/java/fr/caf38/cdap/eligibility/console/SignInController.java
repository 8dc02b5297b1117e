package fr.caf38.cdap.eligibility.console;

import fr.caf38.cdap.wording.Wording;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The sign-in page (Spring Security checks the form posted to the same address) and the pages of
 * the two refusals: a signed-in user without the agent role, and a form whose CSRF token is missing
 * or stale.
 */
@Controller
class SignInController {
    static final String LAST_USERNAME = SignInController.class.getName() + ".username";
    /** A refusal that is not a wrong password: the name or the address locked, or the counts unreadable. */
    static final String MESSAGE = SignInController.class.getName() + ".message";

    @GetMapping(ConsoleSecurityConfiguration.SIGN_IN)
    String signIn(@RequestParam(required = false) String erreur, @RequestParam(required = false) String deconnexion,
                  HttpServletRequest request, Authentication authentication, Model model) {
        if (authentication != null && authentication.isAuthenticated()
                && !(authentication instanceof AnonymousAuthenticationToken) && erreur == null) {
            return "redirect:/";
        }
        String username = null;
        String message = null;
        HttpSession session = request.getSession(false);
        if (session != null) {
            username = (String) session.getAttribute(LAST_USERNAME);
            message = (String) session.getAttribute(MESSAGE);
            session.removeAttribute(LAST_USERNAME);
            session.removeAttribute(MESSAGE);
        }
        boolean failed = erreur != null;
        model.addAttribute("failed", failed);
        model.addAttribute("signedOut", deconnexion != null);
        model.addAttribute("username", username);
        model.addAttribute("errors", failed
                ? new PageErrors(java.util.List.of(new PageErrors.Item("username", "identifiant", message != null ? message
                : Wording.text("console.signIn.failed"))))
                : PageErrors.none());
        return "connexion";
    }

    @RequestMapping(ConsoleSecurityConfiguration.FORBIDDEN)
    String forbidden(Model model, HttpServletResponse response) {
        response.setStatus(HttpStatus.FORBIDDEN.value());
        model.addAttribute("title", Wording.text("console.forbidden.title"));
        model.addAttribute("message", Wording.text("console.forbidden.text"));
        model.addAttribute("signOut", true);
        // No menu: every page of it would be refused too. The page offers to sign out instead.
        model.addAttribute("agent", null);
        return "handled-error";
    }

    @RequestMapping(ConsoleSecurityConfiguration.EXPIRED)
    String expired(Model model, HttpServletResponse response) {
        response.setStatus(HttpStatus.FORBIDDEN.value());
        model.addAttribute("title", Wording.text("console.expired.title"));
        model.addAttribute("message", Wording.text("console.expired.text"));
        model.addAttribute("signIn", true);
        return "handled-error";
    }
}
