package fr.caf38.cdap.eligibility.review;

import fr.caf38.cdap.security.AgentCafs;
import fr.caf38.cdap.security.AgentNames;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import java.io.IOException;
import java.io.InputStream;

/** The agents' API (contract.md, "eligibility-service"). Thin: the work is in the services. */
@RestController
@RequestMapping(path = "/api/v1/decisions", produces = MediaType.APPLICATION_JSON_VALUE)
public class DecisionApiController {
    private final DecisionQueries queries;
    private final ReviewService reviews;
    private final AgentNames agentNames;
    private final DecisionExport export;
    private final AgentCafs agentCafs;
    private final ReviewBodies bodies;

    public DecisionApiController(DecisionQueries queries, ReviewService reviews, AgentNames agentNames,
                                 DecisionExport export, AgentCafs agentCafs, ReviewBodies bodies) {
        this.queries = queries;
        this.reviews = reviews;
        this.agentNames = agentNames;
        this.export = export;
        this.agentCafs = agentCafs;
        this.bodies = bodies;
    }

    @GetMapping
    @Operation(summary = "Liste des décisions des Caf de l'agent, la plus ancienne demande d'abord")
    public PagedResult<DecisionSummary> list(
            @RequestParam(required = false) @Parameter(description = "APPROVED, REJECTED, REDIRECTED_TO_CAFPRO, UNDER_REVIEW ou CHANGES_REQUESTED") String status,
            @RequestParam(required = false) @Parameter(description = "T1, T2, T4, T9 ou OTHER") String profile,
            @RequestParam(required = false) @Parameter(description = "département de la Caf") String department,
            @RequestParam(required = false) @Parameter(description = "référence, SIRET ou partie de la raison sociale") String q,
            @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size,
            Authentication authentication) {
        return queries.list(agentCafs.of(authentication), status, profile, department, q, page, size);
    }

    @GetMapping(path = "/export.csv", produces = "text/csv")
    @Operation(summary = "Export CSV des demandes de vos Caf avec leur dernière décision (mêmes filtres que la liste)")
    public ResponseEntity<StreamingResponseBody> export(
            @RequestParam(required = false) String status, @RequestParam(required = false) String profile,
            @RequestParam(required = false) String department, @RequestParam(required = false) String q,
            Authentication authentication) {
        // Filters checked, and the agent's Cafs read, before the body streams outside this request's thread.
        return export.response(queries.filter(agentCafs.of(authentication), status, profile, department, q));
    }

    @GetMapping("/{requestId}")
    @Operation(summary = "Une demande : réponses du formulaire, constats et historique des décisions")
    public DecisionDetail detail(@PathVariable String requestId, Authentication authentication) {
        return queries.detail(requestId, agentCafs.of(authentication));
    }

    @PostMapping(path = "/{requestId}/review", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Décision d'un agent sur une demande en cours d'examen")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
            mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = ReviewBodies.ReviewRequest.class)))
    public ReviewedDecision review(@PathVariable String requestId, @Parameter(hidden = true) InputStream body,
                                   Authentication authentication) throws IOException {
        // Read strictly (unknown fields, duplicate keys, wrong types, bad UTF-8: all 400), not by Jackson's binding.
        ReviewBodies.ReviewRequest review = bodies.read(body);
        return reviews.review(requestId, review.status(), review.motive(), agentNames.of(authentication),
                agentCafs.of(authentication));
    }
}
