package fr.caf38.cdap.intake.pages;

import fr.caf38.cdap.intake.tracking.StatusView;
import fr.caf38.cdap.intake.tracking.TrackedRequests;
import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.util.UriComponentsBuilder;

import java.util.UUID;

/**
 * {@code GET /suivi/{requestId}?token=...}: the page the emails link to (notification-service builds
 * that link; its shape is fixed). Status, decision with every reason and the agent's motive, and the
 * timeline, in French. A malformed id, an unknown id, a missing or wrong token all get the same 404
 * page. The token is in the address, so the page is sent with {@code Referrer-Policy: no-referrer}
 * and {@code Cache-Control: no-store} ({@link PageHeaders}), and the access log leaves query strings out.
 */
@Controller
@Hidden
public class TrackingPageController {
    static final String TRACKING = "/suivi/{requestId}";

    private final TrackedRequests tracked;

    public TrackingPageController(TrackedRequests tracked) {
        this.tracked = tracked;
    }

    @GetMapping(TRACKING)
    public ModelAndView tracking(@PathVariable String requestId,
                                 @RequestParam(name = "token", required = false) String token) {
        return tracked.find(requestId, token)
                .map(request -> new ModelAndView("suivi").addObject("view", StatusView.of(request)))
                .orElseGet(TrackingPageController::notFound);
    }

    /** The link of a request's tracking page, as in the emails. */
    static String link(UUID requestId, String token) {
        return UriComponentsBuilder.fromPath(TRACKING).queryParam("token", token).buildAndExpand(requestId)
                .toUriString();
    }

    /** The one answer for every link that opens nothing. */
    static ModelAndView notFound() {
        return new ModelAndView("introuvable", HttpStatus.NOT_FOUND);
    }
}
