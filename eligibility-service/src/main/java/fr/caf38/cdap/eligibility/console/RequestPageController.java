package fr.caf38.cdap.eligibility.console;

import fr.caf38.cdap.eligibility.review.DecisionQueries;
import fr.caf38.cdap.eligibility.review.InvalidInputException;
import fr.caf38.cdap.eligibility.review.ReviewConflictException;
import fr.caf38.cdap.eligibility.review.ReviewService;
import fr.caf38.cdap.eligibility.review.ReviewedDecision;
import fr.caf38.cdap.events.value.DecisionStatus;
import fr.caf38.cdap.security.AgentCafs;
import fr.caf38.cdap.security.AgentNames;
import fr.caf38.cdap.wording.Wording;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One request ({@code /demandes/{requestId}}, the path the agents' notification emails link to):
 * the partner's answers, the findings, the decisions, and the review form. The review is
 * {@link ReviewService}'s, so the page and the API decide alike; a saved review redirects back
 * to the page (post/redirect/get), an invalid one shows the page again with the errors and the
 * answers typed, and one that comes too late says so.
 */
@Controller
class RequestPageController {
    /** The decisions an agent may take, in the order of the form. */
    static final List<DecisionStatus> CHOICES =
            List.of(DecisionStatus.APPROVED, DecisionStatus.REJECTED, DecisionStatus.REDIRECTED_TO_CAFPRO,
                    DecisionStatus.CHANGES_REQUESTED);
    private static final Map<String, String> ANCHORS = Map.of("status", "decision-APPROVED", "motive", "motif");

    private final DecisionQueries queries;
    private final ReviewService reviews;
    private final AgentNames agentNames;
    private final AgentCafs agentCafs;

    RequestPageController(DecisionQueries queries, ReviewService reviews, AgentNames agentNames, AgentCafs agentCafs) {
        this.queries = queries;
        this.reviews = reviews;
        this.agentNames = agentNames;
        this.agentCafs = agentCafs;
    }

    /** Another Caf's request is answered like an unknown one: the same "Demande introuvable" page. */
    @GetMapping("/demandes/{requestId}")
    String request(@PathVariable String requestId, Authentication authentication, Model model) {
        return page(requestId, agentCafs.of(authentication), new ReviewForm(null, null), PageErrors.none(), model);
    }

    @PostMapping("/demandes/{requestId}/examen")
    String review(@PathVariable String requestId, @RequestParam(required = false) String status,
                  @RequestParam(required = false) String motive, Authentication authentication, Model model,
                  RedirectAttributes redirect, HttpServletResponse response) {
        ReviewForm form = new ReviewForm(status, motive);
        Set<String> cafs = agentCafs.of(authentication);
        try {
            ReviewedDecision decided = reviews.review(requestId, status, motive, agentNames.of(authentication), cafs);
            redirect.addFlashAttribute("saved", decided);
            return "redirect:/demandes/" + decided.requestId();
        } catch (InvalidInputException e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return page(requestId, cafs, form, PageErrors.of(e.problems(), messages(form), ANCHORS), model);
        } catch (ReviewConflictException e) {
            // Decided by someone else meanwhile (or before): show what was decided, and keep the motive typed.
            response.setStatus(HttpStatus.CONFLICT.value());
            model.addAttribute("conflict", form);
            return page(requestId, cafs, form, PageErrors.none(), model);
        }
    }

    private String page(String requestId, Set<String> cafs, ReviewForm form, PageErrors errors, Model model) {
        var detail = queries.detail(requestId, cafs);
        model.addAttribute("detail", detail);
        model.addAttribute("revisions", RevisionChanges.of(detail.revisions()));
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("choices", CHOICES);
        return "demande";
    }

    /** The page's wording of the review errors: the service's messages name the API's values. */
    private static Map<String, String> messages(ReviewForm form) {
        return Map.of(
                "STATUS_REQUIRED", Wording.text("reviewForm.STATUS_REQUIRED"),
                "STATUS_NOT_ALLOWED", Wording.text("reviewForm.STATUS_NOT_ALLOWED"),
                "MOTIVE_REQUIRED", Wording.text("reviewForm.MOTIVE_REQUIRED"),
                "CONTROL_CHARACTERS", Wording.text("reviewForm.CONTROL_CHARACTERS"),
                "INVISIBLE_CHARACTERS", Wording.text("reviewForm.INVISIBLE_CHARACTERS"),
                "MOTIVE_LENGTH", Wording.text("reviewForm.MOTIVE_LENGTH", ReviewService.MOTIVE_MIN,
                        ReviewService.MOTIVE_MAX, form.motiveLength()));
    }
}
