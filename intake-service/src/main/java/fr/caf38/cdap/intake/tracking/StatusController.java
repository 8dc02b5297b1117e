package fr.caf38.cdap.intake.tracking;

import fr.caf38.cdap.input.problem.ApiProblem;
import fr.caf38.cdap.intake.web.IntakeProblem;
import fr.caf38.cdap.intake.web.WebConfiguration;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/access-requests/{requestId}} with {@code X-Tracking-Token}. A malformed id, an
 * unknown id and a wrong token all get the same {@code 404} ({@link TrackedRequests}), so the answer
 * reveals nothing about which requests exist.
 */
@RestController
@RequestMapping(WebConfiguration.SUBMISSIONS)
@Tag(name = "Demandes d'accès")
public class StatusController {

    private final TrackedRequests tracked;

    public StatusController(TrackedRequests tracked) {
        this.tracked = tracked;
    }

    @Operation(summary = "Suivre une demande",
            description = "Avec le jeton de suivi reçu au dépôt, dans l'en-tête X-Tracking-Token.",
            responses = {
                    @ApiResponse(responseCode = "200", description = "État, décision et historique de la demande"),
                    @ApiResponse(responseCode = "404", description = "Demande inconnue ou jeton incorrect")})
    @GetMapping(path = "/{requestId}", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<StatusView> status(@PathVariable String requestId,
                                             @RequestHeader(name = WebConfiguration.TRACKING_TOKEN, required = false) String token) {
        StatusView view = tracked.find(requestId, token).map(StatusView::of)
                .orElseThrow(() -> ApiProblem.of(IntakeProblem.NOT_FOUND));
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(view);
    }
}
