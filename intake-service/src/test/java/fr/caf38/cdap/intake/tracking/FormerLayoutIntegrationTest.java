package fr.caf38.cdap.intake.tracking;

import fr.caf38.cdap.events.EligibilityDecided;
import fr.caf38.cdap.events.value.DecidedBy;
import fr.caf38.cdap.events.value.DecisionStatus;
import fr.caf38.cdap.events.value.DepartmentCode;
import fr.caf38.cdap.events.value.Profile;
import fr.caf38.cdap.events.value.Siret;
import fr.caf38.cdap.intake.Api;
import fr.caf38.cdap.intake.IntakeIntegrationTest;
import fr.caf38.cdap.intake.Sirets;
import fr.caf38.cdap.intake.request.AccessRequest;
import fr.caf38.cdap.messaging.tracking.TrackingTokens;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.web.servlet.MockMvc;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** A request stored by the former layout (an older local stack) still reads, and takes new events, correctly. */
@IntakeIntegrationTest
class FormerLayoutIntegrationTest {
    @Autowired
    MockMvc mvc;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    TrackingTokens tokens;
    @Autowired
    StatusUpdater updater;

    @Test
    void aRequestOfTheFormerLayoutShowsItsDecisionAndIgnoresAnEventItHadApplied() throws Exception {
        // Stored like a submitted request, then rewritten in the former layout's status fields.
        String siret = Sirets.random();
        UUID requestId = UUID.fromString((String) Api.read(mvc.perform(Api.submit(Api.validBody(siret)))
                .andExpect(status().isAccepted()).andReturn().getResponse().getContentAsString()).get("requestId"));
        Document stored = mongo.findById(requestId.toString(), Document.class, AccessRequest.COLLECTION);
        UUID applied = UUID.randomUUID();
        Date decidedAt = Date.from(Instant.now().truncatedTo(ChronoUnit.MILLIS));
        stored.remove("decisions");
        stored.append("status", "UNDER_REVIEW")
                .append("decision", new Document("status", "UNDER_REVIEW").append("decidedBy", "RULES")
                        .append("decidedAt", decidedAt).append("reasons", List.of()).append("decisionNumber", 1))
                .append("timeline", List.of(((List<?>) stored.get("timeline")).get(0),
                        new Document("at", decidedAt).append("event", "DECIDED_UNDER_REVIEW")))
                .append("handledEvents", List.of(applied.toString()));
        mongo.save(stored, AccessRequest.COLLECTION);
        String token = tokens.tokenFor(requestId);

        mvc.perform(Api.status(requestId.toString(), token)).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("UNDER_REVIEW"))
                .andExpect(jsonPath("$.decision.decidedBy").value("RULES"))
                .andExpect(jsonPath("$.timeline.length()").value(2));

        EligibilityDecided again = new EligibilityDecided(applied, EligibilityDecided.TYPE, EligibilityDecided.VERSION,
                decidedAt.toInstant(), requestId, "CDAP-38-2026-00001", DepartmentCode.of("38"),
                DecisionStatus.UNDER_REVIEW, DecidedBy.RULES, null, null, List.of(), "CCAS", "a@b.fr", Profile.T1,
                Siret.parse(siret), 1, 1);
        updater.apply(again);
        EligibilityDecided agents = new EligibilityDecided(UUID.randomUUID(), EligibilityDecided.TYPE,
                EligibilityDecided.VERSION, decidedAt.toInstant().plusSeconds(60), requestId, "CDAP-38-2026-00001",
                DepartmentCode.of("38"), DecisionStatus.APPROVED, DecidedBy.AGENT, "agent", "Vérifié.", List.of(),
                "CCAS", "a@b.fr", Profile.T1, Siret.parse(siret), 2, 1);
        assertThat(updater.apply(agents)).isEqualTo(StatusUpdater.StatusUpdateResult.APPLIED);

        mvc.perform(Api.status(requestId.toString(), token)).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("APPROVED"))
                .andExpect(jsonPath("$.decision.motive").value("Vérifié."))
                .andExpect(jsonPath("$.timeline.length()").value(3))
                .andExpect(jsonPath("$.timeline[2].event").value("DECIDED_APPROVED"));
    }
}
