package fr.caf38.cdap.eligibility.decision;

import fr.caf38.cdap.eligibility.IntegrationTest;
import fr.caf38.cdap.eligibility.Requests;
import fr.caf38.cdap.eligibility.Sirets;
import fr.caf38.cdap.events.request.SubmittedRequest;
import fr.caf38.cdap.events.value.DecidedBy;
import fr.caf38.cdap.events.value.DecisionStatus;
import fr.caf38.cdap.events.value.DepartmentCode;
import fr.caf38.cdap.events.value.Profile;
import fr.caf38.cdap.events.value.Siret;
import fr.caf38.cdap.testinfra.store.StoreCommandRecorder;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Decisions stored before the key documents existed get them at start-up, from one scan, once. */
class KeyDocumentsAtStartUpIntegrationTest extends IntegrationTest {
    private static final DepartmentCode CAF = DepartmentCode.of("38");

    @Autowired
    KeyDocumentsAtStartUp keyDocuments;
    @Autowired
    DecisionStore store;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    StoreCommandRecorder recorder;

    @Test
    void decisionsStoredWithoutKeyDocumentsKeepTheDuplicateRuleAndTheQueueAfterARestart() {
        Siret siret = Sirets.random();
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(3600);
        DecisionDocument older = storedWithoutKeyDocuments(siret, t0, DecisionStatus.APPROVED);
        DecisionDocument waiting = storedWithoutKeyDocuments(siret, t0.plusSeconds(60), DecisionStatus.UNDER_REVIEW);
        assertThat(store.openReferences(CAF, siret, Profile.T4, null)).isEmpty();

        mongo.getCollection(KeyDocumentsAtStartUp.LAYOUT).deleteOne(new Document("_id", KeyDocumentsAtStartUp.MARKER));
        keyDocuments.afterPropertiesSet();

        assertThat(store.openReferences(CAF, siret, Profile.T4, "another request"))
                .containsExactly(older.reference(), waiting.reference());
        assertThat(store.openReferences(CAF, siret, Profile.T4, waiting.id())).containsExactly(older.reference());
        assertThat(store.queue(Profile.T4, java.util.Set.of(CAF), 0, 200).content()).extracting(DecisionDocument::id)
                .contains(waiting.id()).doesNotContain(older.id());

        recorder.start();
        keyDocuments.afterPropertiesSet();
        List<StoreCommandRecorder.Command> commands = recorder.stop();
        assertThat(commands).extracting(StoreCommandRecorder.Command::collection)
                .containsOnly(KeyDocumentsAtStartUp.LAYOUT);
    }

    private DecisionDocument storedWithoutKeyDocuments(Siret siret, Instant submittedAt, DecisionStatus status) {
        SubmittedRequest request = Requests.t4(siret, "RSA001");
        Decision decision = new Decision(1, status, DecidedBy.RULES, null, null, List.of(), submittedAt);
        DecisionDocument document = new DecisionDocument(UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                Requests.reference("38", submittedAt), CAF, siret, Profile.T4, request.organisation().legalName(),
                submittedAt, request, status, decision, List.of(decision), 0);
        // As an earlier version stored it: the decision alone.
        mongo.insert(document);
        return document;
    }
}
