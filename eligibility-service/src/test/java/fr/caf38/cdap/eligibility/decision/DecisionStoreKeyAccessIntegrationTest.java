package fr.caf38.cdap.eligibility.decision;

import fr.caf38.cdap.eligibility.IntegrationTest;
import fr.caf38.cdap.eligibility.Requests;
import fr.caf38.cdap.eligibility.Sirets;
import fr.caf38.cdap.eligibility.SubmissionPublisher;
import fr.caf38.cdap.events.RequestAmended;
import fr.caf38.cdap.events.RequestSubmitted;
import fr.caf38.cdap.events.request.SubmittedRequest;
import fr.caf38.cdap.events.value.DecisionStatus;
import fr.caf38.cdap.events.value.OrganisationType;
import fr.caf38.cdap.events.value.StaffRole;
import fr.caf38.cdap.events.value.Siret;
import fr.caf38.cdap.messaging.outbox.OutboxRelay;
import fr.caf38.cdap.testinfra.TestInfrastructure;
import fr.caf38.cdap.testinfra.store.KeyAccessRule;
import fr.caf38.cdap.testinfra.store.StoreCommandRecorder;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The guard of the request's path: every command the service sends to the store while requests are
 * decided by the rules (approved, rejected, under review, a duplicate), reviewed by an agent (changes
 * requested included), amended by the partner (decided again, redelivered, stale), and while the review
 * queue, the list of requests waiting for changes, their gauges and the dashboard are read, names its
 * documents by key.
 */
class DecisionStoreKeyAccessIntegrationTest extends IntegrationTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(45);
    private static final String MOTIVE = "Convention de partenariat vérifiée avec le service concerné.";

    @Autowired
    StoreCommandRecorder recorder;
    @Autowired
    OutboxRelay relay;
    @Autowired
    DecisionStore store;
    @Autowired
    MeterRegistry meters;
    @Autowired
    MockMvc mvc;

    @Test
    void decidingReviewingAndReadingTheQueueNameEveryDocumentByKey(TestInfrastructure infra) throws Exception {
        await().atMost(TIMEOUT).until(relay::scannedAtStartUp);
        Siret siret = Sirets.random();
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        RequestSubmitted approved = Requests.submitted("38", Requests.t4(siret, "RSA001"), t0);
        RequestSubmitted rejected = Requests.submitted("38", Requests.t2(Sirets.random(), false, null), t0);
        RequestSubmitted underReview = Requests.submitted("38",
                Requests.t1(Sirets.random(), OrganisationType.OTHER, StaffRole.SOCIAL_WORKER), t0);
        RequestSubmitted duplicate = Requests.submitted("38", Requests.t4(siret, "RSA001"), t0.plusSeconds(1));
        Siret toComplete = Sirets.random();
        RequestSubmitted changes = Requests.submitted("38", Requests.t2(toComplete, true, null), t0);

        recorder.start();
        try (SubmissionPublisher publisher = new SubmissionPublisher(infra.kafkaBootstrapServers())) {
            publisher.publish(approved);
            publisher.publish(rejected);
            publisher.publish(underReview);
            publisher.publish(changes);
            assertThat(decided(approved).status()).isEqualTo(DecisionStatus.APPROVED);
            publisher.publish(duplicate);
            // A redelivery is answered by the insert's duplicate-key error.
            publisher.publish(approved);
        }
        assertThat(decided(rejected).status()).isEqualTo(DecisionStatus.REJECTED);
        assertThat(decided(underReview).status()).isEqualTo(DecisionStatus.UNDER_REVIEW);
        DecisionDocument duplicateDecision = decided(duplicate);
        assertThat(duplicateDecision.status()).isEqualTo(DecisionStatus.UNDER_REVIEW);
        assertThat(duplicateDecision.decision().findings()).filteredOn(f -> f.code().equals("DUPLICATE_REQUEST"))
                .singleElement().satisfies(f -> assertThat(f.message()).contains(approved.reference()));

        String reviewed = underReview.requestId().toString();
        mvc.perform(get("/api/v1/decisions").param("status", "UNDER_REVIEW").param("department", "38")
                        .param("size", "200").with(agent()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.content[*].requestId", hasItem(reviewed)))
                .andExpect(jsonPath("$.content[*].requestId", hasItem(duplicate.requestId().toString())));
        mvc.perform(get("/api/v1/decisions").param("status", "UNDER_REVIEW").param("profile", "T1")
                        .param("size", "200").with(agent()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.content[*].requestId", hasItem(reviewed)));
        mvc.perform(get("/").param("department", "38").with(user("agent").roles("AGENT")))
                .andExpect(status().isOk());
        mvc.perform(get("/tableau-de-bord").with(user("agent").roles("AGENT"))).andExpect(status().isOk());
        assertThat(meters.get("eligibility.review.queue.size").gauge().value()).isGreaterThanOrEqualTo(2);
        assertThat(meters.get("eligibility.review.oldest.age").gauge().value()).isGreaterThanOrEqualTo(0);

        mvc.perform(post("/api/v1/decisions/{id}/review", reviewed).with(agent())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"status\": \"APPROVED\", \"motive\": \"" + MOTIVE + "\"}"))
                .andExpect(status().isOk());
        mvc.perform(post("/api/v1/decisions/{id}/review", reviewed).with(agent())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"status\": \"REJECTED\", \"motive\": \"" + MOTIVE + "\"}"))
                .andExpect(status().isConflict());
        mvc.perform(get("/api/v1/decisions").param("status", "UNDER_REVIEW").param("department", "38")
                        .param("size", "200").with(agent()))
                .andExpect(jsonPath("$.content[*].requestId", not(hasItem(reviewed))));
        mvc.perform(get("/api/v1/decisions/{id}", reviewed).with(agent()))
                .andExpect(jsonPath("$.status").value("APPROVED"));

        // Changes requested, then the amendment decided again (delivered twice), and a stale amendment.
        String completed = changes.requestId().toString();
        assertThat(decided(changes).status()).isEqualTo(DecisionStatus.UNDER_REVIEW);
        mvc.perform(post("/api/v1/decisions/{id}/review", completed).with(agent())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"status\": \"CHANGES_REQUESTED\", \"motive\": \"" + MOTIVE + "\"}"))
                .andExpect(status().isOk());
        mvc.perform(get("/api/v1/decisions").param("status", "CHANGES_REQUESTED").param("department", "38")
                        .param("size", "200").with(agent()))
                .andExpect(jsonPath("$.content[*].requestId", hasItem(completed)));
        mvc.perform(get("/").param("status", "CHANGES_REQUESTED").with(user("agent").roles("AGENT")))
                .andExpect(status().isOk());
        RequestAmended amendment = RequestAmended.of(changes.requestId(), changes.reference(), changes.cafDepartment(),
                Instant.now(), 2, Requests.t2(toComplete, true, "SUB-2026-1"));
        RequestAmended stale = RequestAmended.of(approved.requestId(), approved.reference(), approved.cafDepartment(),
                Instant.now(), 2, Requests.t4(siret, "RSA002"));
        try (SubmissionPublisher publisher = new SubmissionPublisher(infra.kafkaBootstrapServers())) {
            publisher.publish(amendment);
            publisher.publish(amendment);
            publisher.publish(stale);
        }
        await().atMost(TIMEOUT).until(() -> store.find(completed).orElseThrow().status() == DecisionStatus.APPROVED);
        mvc.perform(get("/api/v1/decisions/{id}", completed).with(agent()))
                .andExpect(jsonPath("$.revisions[*].revision", org.hamcrest.Matchers.contains(1, 2)));
        mvc.perform(get("/demandes/{id}", completed).with(user("agent").roles("AGENT")))
                .andExpect(status().isOk());
        await().atMost(TIMEOUT).until(() -> relay.pending(DecisionDocument.COLLECTION) == 0);

        List<StoreCommandRecorder.Command> commands = recorder.stop();
        assertThat(commands).extracting(StoreCommandRecorder.Command::collection)
                .contains(DecisionDocument.COLLECTION, SiretRequests.COLLECTION, ReviewQueue.COLLECTION,
                        DecisionStore.CLAIMS, DecisionCounters.COLLECTION, AwaitingChanges.COLLECTION);
        KeyAccessRule.assertByKey(commands, Set.of("outbox_pending"));
    }

    private DecisionDocument decided(RequestSubmitted event) {
        String id = event.requestId().toString();
        await().atMost(TIMEOUT).until(() -> store.find(id).isPresent());
        return store.find(id).orElseThrow();
    }

    private static org.springframework.test.web.servlet.request.RequestPostProcessor agent() {
        return httpBasic("agent", "agent");
    }
}
