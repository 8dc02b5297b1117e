package fr.caf38.cdap.eligibility.review;

import fr.caf38.cdap.eligibility.IntegrationTest;
import fr.caf38.cdap.eligibility.Requests;
import fr.caf38.cdap.eligibility.Sirets;
import fr.caf38.cdap.eligibility.decision.DecisionMaker;
import fr.caf38.cdap.eligibility.decision.DecisionStore;
import fr.caf38.cdap.events.EligibilityDecided;
import fr.caf38.cdap.events.RequestAmended;
import fr.caf38.cdap.events.RequestSubmitted;
import fr.caf38.cdap.events.Topics;
import fr.caf38.cdap.events.request.SubmittedRequest;
import fr.caf38.cdap.events.value.DecidedBy;
import fr.caf38.cdap.events.value.DecisionStatus;
import fr.caf38.cdap.messaging.codec.EventCodec;
import fr.caf38.cdap.testinfra.TestInfrastructure;
import fr.caf38.cdap.testinfra.TopicProbe;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** An agent asks the partner for changes (CHANGES_REQUESTED) through the review API, and reads the history. */
class ChangesRequestedReviewIntegrationTest extends IntegrationTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(45);
    private static final String MESSAGE = "Merci d'indiquer la référence de la subvention d'action sociale.";

    @Autowired
    MockMvc mvc;
    @Autowired
    DecisionMaker decisionMaker;
    @Autowired
    DecisionStore store;
    @Autowired
    EventCodec codec;

    @Test
    void anAgentAsksForChangesWithTheMessageAsMotiveAndTheNextDecisionNumber(TestInfrastructure infra) throws Exception {
        RequestSubmitted submitted = decide(Requests.t2(Sirets.random(), true, null));
        String id = submitted.requestId().toString();

        try (TopicProbe decided = TopicProbe.on(infra.kafkaBootstrapServers(), Topics.REQUESTS_DECIDED)) {
            mvc.perform(review(id, "CHANGES_REQUESTED", MESSAGE).with(agent()))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.status").value("CHANGES_REQUESTED"))
                    .andExpect(jsonPath("$.decidedBy").value("AGENT"))
                    .andExpect(jsonPath("$.motive").value(MESSAGE))
                    .andExpect(jsonPath("$.decisionNumber").value(2))
                    .andExpect(jsonPath("$.findings[0].code").value("T2_SUBSIDY_TO_CHECK"));
            EligibilityDecided event = codec.decode(decided.await(record -> {
                EligibilityDecided e = codec.decode(record.value(), EligibilityDecided.class);
                return e.requestId().toString().equals(id) && e.decisionNumber() == 2;
            }, 1, TIMEOUT).get(0).value(), EligibilityDecided.class);
            assertThat(event.status()).isEqualTo(DecisionStatus.CHANGES_REQUESTED);
            assertThat(event.decidedBy()).isEqualTo(DecidedBy.AGENT);
            assertThat(event.agent()).isEqualTo("Agent Test");
            assertThat(event.motive()).isEqualTo(MESSAGE);
            assertThat(event.revision()).isEqualTo(1);
            assertThat(event.findings()).extracting(f -> f.code()).contains("T2_SUBSIDY_TO_CHECK");
        }

        mvc.perform(get("/api/v1/decisions").param("status", "CHANGES_REQUESTED").param("size", "200").with(agent()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.content[*].requestId", hasItem(id)));
        mvc.perform(get("/api/v1/decisions").param("status", "UNDER_REVIEW").param("size", "200").with(agent()))
                .andExpect(jsonPath("$.content[*].requestId", not(hasItem(id))));
        // Waiting for the partner: no agent decision until the amendment is decided.
        mvc.perform(review(id, "APPROVED", MESSAGE).with(agent())).andExpect(status().isConflict());
        mvc.perform(review(id, "CHANGES_REQUESTED", MESSAGE).with(agent())).andExpect(status().isConflict());

        SubmittedRequest completed = Requests.t2(submitted.request().organisation().siret(), true, "SUB-2026-7");
        decisionMaker.decide(RequestAmended.of(submitted.requestId(), submitted.reference(),
                submitted.cafDepartment(), Instant.now().truncatedTo(ChronoUnit.MILLIS), 2, completed));
        mvc.perform(get("/api/v1/decisions/{id}", id).with(agent()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("APPROVED"))
                .andExpect(jsonPath("$.revision").value(2))
                .andExpect(jsonPath("$.request.t2.subsidyReference").value("SUB-2026-7"))
                .andExpect(jsonPath("$.revisions[*].revision", contains(1, 2)))
                .andExpect(jsonPath("$.revisions[0].request.t2.subsidyReference").doesNotExist())
                .andExpect(jsonPath("$.revisions[1].request.t2.subsidyReference").value("SUB-2026-7"))
                .andExpect(jsonPath("$.revisions[1].at").exists())
                .andExpect(jsonPath("$.history[*].decisionNumber", contains(1, 2, 3)))
                .andExpect(jsonPath("$.history[*].revision", contains(1, 1, 2)))
                .andExpect(jsonPath("$.history[*].status", contains("UNDER_REVIEW", "CHANGES_REQUESTED", "APPROVED")))
                .andExpect(jsonPath("$.history[*].decidedBy", contains("RULES", "AGENT", "RULES")))
                .andExpect(jsonPath("$.history[1].agent").value("Agent Test"))
                .andExpect(jsonPath("$.history[1].motive").value(MESSAGE))
                .andExpect(jsonPath("$.history[2].findings[*].code", hasItem("T2_SUBSIDISED")))
                .andExpect(jsonPath("$.history[2].decidedAt").exists());
        mvc.perform(get("/api/v1/decisions").param("status", "CHANGES_REQUESTED").param("size", "200").with(agent()))
                .andExpect(jsonPath("$.content[*].requestId", not(hasItem(id))));
    }

    @Test
    void aMessageToThePartnerOfFewerThan10OrMoreThan2000CharactersIs400() throws Exception {
        String ten = decide(Requests.t2(Sirets.random(), true, null)).requestId().toString();
        mvc.perform(review(ten, "CHANGES_REQUESTED", "Trop court").with(agent())).andExpect(status().isOk());
        String id2 = decide(Requests.t2(Sirets.random(), true, null)).requestId().toString();
        mvc.perform(review(id2, "CHANGES_REQUESTED", "Trop cour").with(agent()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].code", contains("MOTIVE_LENGTH")));
        mvc.perform(review(id2, "CHANGES_REQUESTED", "a".repeat(2001)).with(agent()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].code", contains("MOTIVE_LENGTH")));
        mvc.perform(post("/api/v1/decisions/{id}/review", id2).with(agent()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"status\": \"CHANGES_REQUESTED\", \"motive\": 1234567890123}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].code", contains("WRONG_TYPE")));
        assertThat(store.find(id2).orElseThrow().status()).isEqualTo(DecisionStatus.UNDER_REVIEW);
        mvc.perform(review(id2, "CHANGES_REQUESTED", "a".repeat(2000)).with(agent())).andExpect(status().isOk());
    }

    @Test
    void changesCanBeAskedOnlyOfARequestUnderReviewAndOnlyByAnAgentOfItsCaf() throws Exception {
        String approved = decide(Requests.t2(Sirets.random(), true, "SUB-1")).requestId().toString();
        assertThat(store.find(approved).orElseThrow().status()).isEqualTo(DecisionStatus.APPROVED);
        mvc.perform(review(approved, "CHANGES_REQUESTED", MESSAGE).with(agent()))
                .andExpect(status().isConflict());

        String underReview = decide(Requests.t2(Sirets.random(), true, null)).requestId().toString();
        mvc.perform(review(underReview, "CHANGES_REQUESTED", MESSAGE).with(httpBasic("agent73", "agent73")))
                .andExpect(status().isNotFound());
        assertThat(store.find(underReview).orElseThrow().status()).isEqualTo(DecisionStatus.UNDER_REVIEW);
        mvc.perform(get("/api/v1/decisions").param("status", "CHANGES_REQUESTED").param("size", "200")
                        .with(httpBasic("agent73", "agent73")))
                .andExpect(jsonPath("$.content[*].requestId", not(hasItem(underReview))));
    }

    private static org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder review(
            String id, String status, String motive) {
        return post("/api/v1/decisions/{id}/review", id).contentType(MediaType.APPLICATION_JSON)
                .content("{\"status\": \"" + status + "\", \"motive\": \"" + motive + "\"}");
    }

    private RequestSubmitted decide(SubmittedRequest request) {
        RequestSubmitted event = Requests.submitted("38", request, Instant.now().truncatedTo(ChronoUnit.MILLIS));
        assertThat(decisionMaker.decide(event)).isNotNull();
        return event;
    }

    private static org.springframework.test.web.servlet.request.RequestPostProcessor agent() {
        return httpBasic("agent", "agent");
    }
}
