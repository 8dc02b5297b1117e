package fr.caf38.cdap.intake.amendment;

import fr.caf38.cdap.input.problem.CommonProblem;
import fr.caf38.cdap.intake.IntakeMetrics;
import fr.caf38.cdap.intake.request.AccessRequest;
import fr.caf38.cdap.intake.submission.AccessRequestBody;
import fr.caf38.cdap.intake.submission.AccessRequestBodyConverter;
import fr.caf38.cdap.intake.submission.BodyCheck;
import fr.caf38.cdap.intake.tracking.TrackedRequests;
import fr.caf38.cdap.intake.validation.AccessRequestForm;
import fr.caf38.cdap.input.problem.ApiProblem;
import fr.caf38.cdap.intake.web.IntakeProblem;
import fr.caf38.cdap.intake.web.WebConfiguration;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.CacheControl;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.net.URI;

/**
 * {@code PUT /api/v1/access-requests/{requestId}} with {@code X-Tracking-Token}: the partner amends a
 * request an agent sent back for changes. The token is checked before anything of the body is read, so
 * an unknown id or a wrong token answers the same {@code 404} as {@code GET}, whatever is sent; then the
 * body is read and validated exactly as a submission's ({@link BodyCheck}), with the Caf and the SIRET
 * fixed ({@link AmendmentRules}).
 */
@RestController
@RequestMapping(WebConfiguration.SUBMISSIONS)
@Tag(name = "Demandes d'accès")
public class AmendmentController {
    private final TrackedRequests tracked;
    private final AccessRequestBodyConverter bodies;
    private final AmendmentRules rules;
    private final AmendmentService amendments;
    private final IntakeMetrics metrics;

    public AmendmentController(TrackedRequests tracked, AccessRequestBodyConverter bodies, AmendmentRules rules,
                               AmendmentService amendments, IntakeMetrics metrics) {
        this.tracked = tracked;
        this.bodies = bodies;
        this.rules = rules;
        this.amendments = amendments;
        this.metrics = metrics;
    }

    @Operation(summary = "Compléter une demande (demande de compléments)",
            description = "Quand la Caf a demandé des compléments (état CHANGES_REQUESTED), la demande entière, "
                    + "corrigée ou complétée, avec le jeton de suivi dans l'en-tête X-Tracking-Token. La Caf et "
                    + "le SIRET ne peuvent pas changer.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                            schema = @Schema(implementation = AccessRequestForm.class))),
            responses = {
                    @ApiResponse(responseCode = "202", description = "Modification enregistrée"),
                    @ApiResponse(responseCode = "400", description = "Demande invalide (toutes les erreurs)"),
                    @ApiResponse(responseCode = "404", description = "Demande inconnue ou jeton incorrect"),
                    @ApiResponse(responseCode = "409", description = "La demande n'attend pas de compléments, "
                            + "ou clé d'idempotence réutilisée"),
                    @ApiResponse(responseCode = "413", description = "Corps trop volumineux"),
                    @ApiResponse(responseCode = "415", description = "Corps qui n'est pas du JSON")})
    @PutMapping(path = "/{requestId}", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<AmendmentResponse> amend(
            @PathVariable String requestId,
            @RequestHeader(name = WebConfiguration.TRACKING_TOKEN, required = false) String token,
            @RequestHeader(name = BodyCheck.IDEMPOTENCY_KEY, required = false) String idempotencyKey,
            HttpServletRequest http) throws IOException {
        AccessRequest current = tracked.find(requestId, token).orElseThrow(() -> ApiProblem.of(IntakeProblem.NOT_FOUND));
        if (!isJson(http.getContentType())) {
            metrics.rejected(CommonProblem.UNSUPPORTED_MEDIA_TYPE.name());
            throw ApiProblem.of(CommonProblem.UNSUPPORTED_MEDIA_TYPE);
        }
        AccessRequestBody body = bodies.read(http.getContentLengthLong(), http.getInputStream());
        BodyCheck check = BodyCheck.of(idempotencyKey, body, form -> rules.validate(current, form));
        if (!check.isValid()) {
            metrics.rejected(check.errors());
            throw ApiProblem.invalid(IntakeProblem.VALIDATION_FAILED, check.errors());
        }
        AmendmentService.AmendmentResult outcome = amendments.amend(current, check.valid(), idempotencyKey);
        if (outcome instanceof AmendmentService.Amended amended) {
            return accepted(amended);
        }
        if (outcome instanceof AmendmentService.NotAwaitingChanges refused) {
            metrics.rejected(IntakeProblem.NOT_AWAITING_CHANGES.name());
            throw ApiProblem.of(IntakeProblem.NOT_AWAITING_CHANGES, refused.status());
        }
        metrics.rejected(IntakeProblem.IDEMPOTENCY_KEY_REUSED.name());
        throw ApiProblem.of(IntakeProblem.IDEMPOTENCY_KEY_REUSED);
    }

    private ResponseEntity<AmendmentResponse> accepted(AmendmentService.Amended amended) {
        AccessRequest request = amended.request();
        if (amended.replayed()) {
            metrics.replayed();
        } else {
            metrics.amended(request.cafDepartment().value());
        }
        String statusUrl = WebConfiguration.SUBMISSIONS + "/" + request.id();
        // As for a submission, the first answer again on a replay: SUBMITTED, until the next decision.
        var response = new AmendmentResponse(request.requestId(), request.reference(), AccessRequest.SUBMITTED,
                amended.revision(), tracked.tokenFor(request.requestId()), statusUrl);
        return ResponseEntity.accepted().location(URI.create(statusUrl)).cacheControl(CacheControl.noStore())
                .body(response);
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        try {
            return MediaType.APPLICATION_JSON.isCompatibleWith(MediaType.parseMediaType(contentType));
        } catch (InvalidMediaTypeException malformed) {
            return false;
        }
    }
}
