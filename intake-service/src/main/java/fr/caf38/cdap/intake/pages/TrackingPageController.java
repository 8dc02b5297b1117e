package fr.caf38.cdap.intake.pages;

import fr.caf38.cdap.intake.request.AccessRequest;
import fr.caf38.cdap.intake.tracking.StatusView;
import fr.caf38.cdap.intake.tracking.TrackedRequests;
import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.UriComponentsBuilder;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/**
 * {@code GET /suivi/{requestId}?token=...}: the page the emails link to (notification-service builds
 * that link; its shape is fixed). Status, every decision (newest first) with its reasons and the agent's
 * motive, the latest answers in short, and the timeline, in French; while the Caf waits for changes, the
 * agent's message and the link to the amendment form ({@link AmendmentPageController}) on top. A malformed
 * id, an unknown id, a missing or wrong token all get the same 404 page. The token is in the address, so the page is sent with {@code Referrer-Policy: no-referrer}
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
        return tracked.find(requestId, token).map(request -> page(request, token))
                .orElseGet(TrackingPageController::notFound);
    }

    private static ModelAndView page(AccessRequest request, String token) {
        StatusView view = StatusView.of(request);
        List<StatusView.Decision> newestFirst = new ArrayList<>(view.decisions());
        Collections.reverse(newestFirst);
        ModelAndView page = new ModelAndView("suivi").addObject("view", view)
                .addObject("awaitingChanges", request.awaitsChanges())
                .addObject("decisions", newestFirst)
                .addObject("answers", request.request())
                .addObject("caf", request.cafDepartment().value());
        if (request.awaitsChanges()) {
            page.addObject("amendPath", AmendmentPageController.link(request.requestId(), token))
                    .addObject("message", AmendmentPageController.message(request));
        }
        return page;
    }

    /** The link of a request's tracking page, as in the emails. */
    static String link(UUID requestId, String token) {
        return UriComponentsBuilder.fromPath(TRACKING).queryParam("token", token).buildAndExpand(requestId)
                .toUriString();
    }

    /** The same link in full, with this site's address, to be copied. */
    static String absoluteLink(UUID requestId, String token) {
        return ServletUriComponentsBuilder.fromCurrentContextPath().path(TRACKING).queryParam("token", token)
                .buildAndExpand(requestId).toUriString();
    }

    /** The one answer for every link that opens nothing. */
    static ModelAndView notFound() {
        return new ModelAndView("introuvable", HttpStatus.NOT_FOUND);
    }
}
