package fr.caf38.cdap.eligibility.decision;

import fr.caf38.cdap.eligibility.IntegrationTest;
import fr.caf38.cdap.eligibility.Requests;
import fr.caf38.cdap.eligibility.Sirets;
import fr.caf38.cdap.events.Finding;
import fr.caf38.cdap.events.request.SubmittedRequest;
import fr.caf38.cdap.events.value.DecidedBy;
import fr.caf38.cdap.events.value.DecisionStatus;
import fr.caf38.cdap.events.value.DepartmentCode;
import fr.caf38.cdap.events.value.FindingLevel;
import fr.caf38.cdap.events.value.Profile;
import fr.caf38.cdap.events.value.Siret;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Decisions stored before the dashboard's counters existed are counted at start-up, from one scan,
 * up to the build's cutoff, and only once however often the build runs.
 */
class CountersAtStartUpIntegrationTest extends IntegrationTest {
    // A Caf no other test uses: its counters are this test's alone.
    private static final DepartmentCode CAF = DepartmentCode.of("2A");
    private static final List<Finding> FINDINGS = List.of(new Finding("T4_ELIGIBLE", FindingLevel.OK, "Éligible."),
            new Finding("OTHER_CAF_ACCESS_REQUESTED", FindingLevel.REVIEW, "Autre Caf."));

    @Autowired
    CountersAtStartUp build;
    @Autowired
    DecisionCounters counters;
    @Autowired
    MongoTemplate mongo;

    @Test
    void olderDecisionsAreCountedUpToTheCutoffOnceEvenWhenTheBuildRunsAgain() {
        Instant submitted = Instant.now().truncatedTo(ChronoUnit.MILLIS).minus(Duration.ofMinutes(90));
        Decision approvedByRules = decision(1, DecisionStatus.APPROVED, DecidedBy.RULES, submitted.plusSeconds(1));
        Decision waited = decision(1, DecisionStatus.UNDER_REVIEW, DecidedBy.RULES, submitted.plusSeconds(1));
        Decision rejectedByAgent = decision(2, DecisionStatus.REJECTED, DecidedBy.AGENT, submitted.plusSeconds(7200 - 3600));
        // Decided after the cutoff: the live counting's, not the build's.
        Decision approvedLater = decision(2, DecisionStatus.APPROVED, DecidedBy.AGENT, Instant.now().plusSeconds(3600));
        storedBefore(submitted, approvedByRules);
        storedBefore(submitted, waited, rejectedByAgent);
        storedBefore(submitted, waited, approvedLater);

        mongo.getCollection(KeyDocumentsAtStartUp.LAYOUT).deleteOne(new Document("_id", CountersAtStartUp.MARKER));
        mongo.getCollection(KeyDocumentsAtStartUp.LAYOUT).deleteOne(new Document("_id", CountersAtStartUp.CUTOFF));
        build.afterPropertiesSet();

        String id = DecisionCounters.id(CAF.value(), counters.week(submitted));
        Document built = counters.read(List.of(id)).get(id);
        assertThat(built).isNotNull();
        assertThat(built.get("outcomes", Document.class)).containsEntry("APPROVED", 1).containsEntry("REJECTED", 1)
                .containsEntry("UNDER_REVIEW", 1);
        // The rules' approval within a minute, the agent's rejection within an hour.
        assertThat(built.get("finalTimes", Document.class)).containsEntry("b0", 1).containsEntry("b2", 1).hasSize(2);
        assertThat(built.get("rejections")).isEqualTo(1);
        assertThat(built.get("rejectionFindings", Document.class)).containsOnlyKeys("OTHER_CAF_ACCESS_REQUESTED");

        // Marker present: nothing runs. Marker lost (a crash before it): each document was built once already.
        build.afterPropertiesSet();
        mongo.getCollection(KeyDocumentsAtStartUp.LAYOUT).deleteOne(new Document("_id", CountersAtStartUp.MARKER));
        build.afterPropertiesSet();
        assertThat(counters.read(List.of(id)).get(id)).isEqualTo(built);
    }

    private static Decision decision(int number, DecisionStatus status, DecidedBy by, Instant at) {
        return new Decision(number, status, by, by == DecidedBy.AGENT ? "Agent Test" : null,
                by == DecidedBy.AGENT ? "Motif de l'agent, vérifié." : null, FINDINGS, at);
    }

    /** As an earlier version stored it: the decision and its history, no counters. */
    private void storedBefore(Instant submittedAt, Decision... history) {
        Siret siret = Sirets.random();
        SubmittedRequest request = Requests.t4(siret, "RSA001");
        Decision last = history[history.length - 1];
        mongo.insert(new DecisionDocument(UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                Requests.reference(CAF.value(), submittedAt), CAF, siret, Profile.T4, request.organisation().legalName(),
                submittedAt, request, last.status(), last, List.of(history), history.length - 1L));
    }
}
