package fr.caf38.cdap.intake.submission;

import fr.caf38.cdap.intake.IntakeMetrics;
import fr.caf38.cdap.intake.request.AccessRequest;
import fr.caf38.cdap.intake.validation.AccessRequestForm;
import fr.caf38.cdap.intake.validation.AccessRequestValidator;
import fr.caf38.cdap.input.problem.ApiProblem;
import fr.caf38.cdap.intake.web.IntakeProblem;
import fr.caf38.cdap.intake.web.WebConfiguration;
import fr.caf38.cdap.messaging.tracking.TrackingTokens;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;

/** {@code POST /api/v1/access-requests}: a partner submits a request for access. */
@RestController
@RequestMapping(WebConfiguration.SUBMISSIONS)
@Tag(name = "Demandes d'accès")
public class SubmissionController {
    static final String IDEMPOTENCY_KEY = BodyCheck.IDEMPOTENCY_KEY;

    private final AccessRequestValidator validator;
    private final SubmissionService submissions;
    private final TrackingTokens tokens;
    private final IntakeMetrics metrics;

    public SubmissionController(AccessRequestValidator validator, SubmissionService submissions,
                                TrackingTokens tokens, IntakeMetrics metrics) {
        this.validator = validator;
        this.submissions = submissions;
        this.tokens = tokens;
        this.metrics = metrics;
    }

    @Operation(summary = "Déposer une demande d'accès",
            description = "La demande est enregistrée avant la réponse 202, puis publiée ; toutes les erreurs "
                    + "sont signalées ensemble (400).",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                            schema = @Schema(implementation = AccessRequestForm.class))),
            responses = {
                    @ApiResponse(responseCode = "202", description = "Demande enregistrée"),
                    @ApiResponse(responseCode = "400", description = "Demande invalide (toutes les erreurs)"),
                    @ApiResponse(responseCode = "409", description = "Clé d'idempotence réutilisée pour une autre demande"),
                    @ApiResponse(responseCode = "413", description = "Corps trop volumineux"),
                    @ApiResponse(responseCode = "415", description = "Corps qui n'est pas du JSON"),
                    @ApiResponse(responseCode = "429", description = "Trop de demandes (voir Retry-After)")})
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<SubmissionResponse> submit(
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey,
            @RequestBody(required = false) @io.swagger.v3.oas.annotations.Parameter(hidden = true)
            AccessRequestBody body) {
        BodyCheck check = BodyCheck.of(idempotencyKey, body, validator::validate);
        if (!check.isValid()) {
            metrics.rejected(check.errors());
            throw ApiProblem.invalid(IntakeProblem.VALIDATION_FAILED, check.errors());
        }
        SubmissionService.SubmissionResult outcome = submissions.submit(check.valid(), idempotencyKey);
        if (outcome instanceof SubmissionService.Accepted accepted) {
            return accepted(accepted);
        }
        metrics.rejected(IntakeProblem.IDEMPOTENCY_KEY_REUSED.name());
        throw ApiProblem.of(IntakeProblem.IDEMPOTENCY_KEY_REUSED);
    }

    private ResponseEntity<SubmissionResponse> accepted(SubmissionService.Accepted accepted) {
        AccessRequest request = accepted.request();
        if (accepted.replayed()) {
            metrics.replayed();
        } else {
            metrics.accepted(request.cafDepartment().value());
        }
        String statusUrl = WebConfiguration.SUBMISSIONS + "/" + request.id();
        // The first answer again on a replay: the status it had when it was accepted.
        var response = new SubmissionResponse(request.requestId(), request.reference(), AccessRequest.SUBMITTED,
                tokens.tokenFor(request.requestId()), statusUrl);
        return ResponseEntity.accepted().location(URI.create(statusUrl)).cacheControl(CacheControl.noStore())
                .body(response);
    }
}
