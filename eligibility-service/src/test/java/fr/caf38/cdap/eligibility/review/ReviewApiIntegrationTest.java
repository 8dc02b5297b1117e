package fr.caf38.cdap.eligibility.review;

import fr.caf38.cdap.eligibility.IntegrationTest;
import fr.caf38.cdap.eligibility.Requests;
import fr.caf38.cdap.eligibility.Sirets;
import fr.caf38.cdap.eligibility.decision.DecisionMaker;
import fr.caf38.cdap.eligibility.decision.DecisionStore;
import fr.caf38.cdap.events.EligibilityDecided;
import fr.caf38.cdap.events.RequestSubmitted;
import fr.caf38.cdap.events.Topics;
import fr.caf38.cdap.events.request.SubmittedRequest;
import fr.caf38.cdap.events.value.DecidedBy;
import fr.caf38.cdap.events.value.DecisionStatus;
import fr.caf38.cdap.events.value.OrganisationType;
import fr.caf38.cdap.events.value.StaffRole;
import fr.caf38.cdap.messaging.codec.EventCodec;
import fr.caf38.cdap.testinfra.TestInfrastructure;
import fr.caf38.cdap.testinfra.TopicProbe;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The agents' API over HTTP, on the real store and broker. */
class ReviewApiIntegrationTest extends IntegrationTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(45);
    private static final String MOTIVE = "Convention de partenariat vérifiée avec le service concerné.";

    @Autowired
    MockMvc mvc;
    @Autowired
    DecisionMaker decisionMaker;
    @Autowired
    DecisionStore store;
    @Autowired
    EventCodec codec;
    @Autowired
    MongoTemplate mongo;
    @LocalServerPort
    int port;

    @Test
    void anAgentFindsReadsAndDecidesARequestWaitingForReview(TestInfrastructure infra) throws Exception {
        RequestSubmitted event = underReview();
        String id = event.requestId().toString();

        mvc.perform(get("/api/v1/decisions").param("status", "UNDER_REVIEW").param("q", event.reference())
                        .with(agent()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.totalElements").value(1))
                .andExpect(jsonPath("$.page").value(0))
                .andExpect(jsonPath("$.size").value(50))
                .andExpect(jsonPath("$.content[0].requestId").value(id))
                .andExpect(jsonPath("$.content[0].status").value("UNDER_REVIEW"))
                .andExpect(jsonPath("$.content[0].codes", contains("T1_ORGANISATION_TO_CHECK", "SIRET_NOT_VERIFIED")));

        mvc.perform(get("/api/v1/decisions/{id}", id).with(agent()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.reference").value(event.reference()))
                .andExpect(jsonPath("$.request.organisation.siret").value(event.key()))
                .andExpect(jsonPath("$.request.t1.organisationType").value("OTHER"))
                .andExpect(jsonPath("$.findings[0].code").value("T1_ORGANISATION_TO_CHECK"))
                .andExpect(jsonPath("$.findings[0].level").value("REVIEW"))
                .andExpect(jsonPath("$.history", hasSize(1)));

        try (TopicProbe decided = TopicProbe.on(infra.kafkaBootstrapServers(), Topics.REQUESTS_DECIDED)) {
            mvc.perform(post("/api/v1/decisions/{id}/review", id).with(agent())
                            .contentType(MediaType.APPLICATION_JSON)
                            .content("{\"status\": \"APPROVED\", \"motive\": \"" + MOTIVE + "\"}"))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.requestId").value(id))
                    .andExpect(jsonPath("$.status").value("APPROVED"))
                    .andExpect(jsonPath("$.decidedBy").value("AGENT"))
                    .andExpect(jsonPath("$.agent").value("Agent Test"))
                    .andExpect(jsonPath("$.motive").value(MOTIVE))
                    .andExpect(jsonPath("$.decisionNumber").value(2))
                    .andExpect(jsonPath("$.findings[0].code").value("T1_ORGANISATION_TO_CHECK"));

            List<EligibilityDecided> published = decisions(decided.await(of(id, 2), 1, TIMEOUT));
            assertThat(published).singleElement().satisfies(agentDecision -> {
                assertThat(agentDecision.status()).isEqualTo(DecisionStatus.APPROVED);
                assertThat(agentDecision.decidedBy()).isEqualTo(DecidedBy.AGENT);
                assertThat(agentDecision.agent()).isEqualTo("Agent Test");
                assertThat(agentDecision.motive()).isEqualTo(MOTIVE);
                assertThat(agentDecision.findings()).extracting(f -> f.code())
                        .containsExactly("T1_ORGANISATION_TO_CHECK", "SIRET_NOT_VERIFIED");
                assertThat(agentDecision.siret().value()).isEqualTo(event.key());
            });
        }

        mvc.perform(get("/api/v1/decisions/{id}", id).with(agent()))
                .andExpect(jsonPath("$.status").value("APPROVED"))
                .andExpect(jsonPath("$.decision.decidedBy").value("AGENT"))
                .andExpect(jsonPath("$.history[*].decisionNumber", contains(1, 2)))
                .andExpect(jsonPath("$.history[*].decidedBy", contains("RULES", "AGENT")));
    }

    @Test
    void withoutCredentialsTheApiAnswers401() throws Exception {
        String id = underReview().requestId().toString();
        mvc.perform(get("/api/v1/decisions")).andExpect(status().isUnauthorized());
        mvc.perform(post("/api/v1/decisions/{id}/review", id).contentType(MediaType.APPLICATION_JSON)
                        .content(review("APPROVED", MOTIVE)))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        assertThat(store.find(id).orElseThrow().status()).isEqualTo(DecisionStatus.UNDER_REVIEW);
    }

    @Test
    void withoutTheAgentRoleTheApiAnswers403() throws Exception {
        String id = underReview().requestId().toString();
        mvc.perform(get("/api/v1/decisions/{id}", id).with(httpBasic("visitor", "agent")))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/decisions/{id}/review", id).with(httpBasic("visitor", "agent"))
                        .contentType(MediaType.APPLICATION_JSON).content(review("REJECTED", MOTIVE)))
                .andExpect(status().isForbidden());
        assertThat(store.find(id).orElseThrow().status()).isEqualTo(DecisionStatus.UNDER_REVIEW);
    }

    @Test
    void onlyARequestUnderReviewCanBeReviewedOtherwise409() throws Exception {
        RequestSubmitted approved = decide(Requests.t4(Sirets.random(), "RSA9"));
        mvc.perform(post("/api/v1/decisions/{id}/review", approved.requestId()).with(agent())
                        .contentType(MediaType.APPLICATION_JSON).content(review("REJECTED", MOTIVE)))
                .andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("NOT_UNDER_REVIEW"))
                .andExpect(jsonPath("$.detail").value("Cette demande n'attend pas d'examen : elle est déjà décidée (APPROVED)."));

        String reviewed = underReview().requestId().toString();
        mvc.perform(post("/api/v1/decisions/{id}/review", reviewed).with(agent())
                        .contentType(MediaType.APPLICATION_JSON).content(review("REDIRECTED_TO_CAFPRO", MOTIVE)))
                .andExpect(status().isOk());
        mvc.perform(post("/api/v1/decisions/{id}/review", reviewed).with(agent())
                        .contentType(MediaType.APPLICATION_JSON).content(review("APPROVED", MOTIVE)))
                .andExpect(status().isConflict());
        assertThat(store.find(reviewed).orElseThrow().status()).isEqualTo(DecisionStatus.REDIRECTED_TO_CAFPRO);
    }

    @Test
    void twoAgentsReviewingAtOnceOneWinsTheOtherGets409AndOneEventIsPublished(TestInfrastructure infra)
            throws Exception {
        String id = underReview().requestId().toString();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        CyclicBarrier start = new CyclicBarrier(2);
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (String status : List.of("APPROVED", "REJECTED")) {
            calls.add(CompletableFuture.supplyAsync(() -> {
                try {
                    HttpRequest request = HttpRequest.newBuilder(
                                    URI.create("http://127.0.0.1:" + port + "/api/v1/decisions/" + id + "/review"))
                            .header("Authorization", "Basic " + Base64.getEncoder()
                                    .encodeToString("agent:agent".getBytes(StandardCharsets.UTF_8)))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(review(status, MOTIVE)))
                            .build();
                    start.await();
                    return http.send(request, HttpResponse.BodyHandlers.ofString());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        List<Integer> statuses = calls.stream().map(CompletableFuture::join).map(HttpResponse::statusCode).sorted().toList();

        assertThat(statuses).containsExactly(200, 409);
        var stored = store.find(id).orElseThrow();
        assertThat(stored.history()).hasSize(2);
        assertThat(stored.version()).isEqualTo(1);
        try (TopicProbe decided = TopicProbe.on(infra.kafkaBootstrapServers(), Topics.REQUESTS_DECIDED)) {
            assertThat(decided.await(of(id, 2), 1, TIMEOUT)).hasSize(1);
            List<EligibilityDecided> agentDecisions = decisions(decided.during(of(id, 2), Duration.ofSeconds(2)));
            assertThat(agentDecisions).singleElement()
                    .satisfies(e -> assertThat(e.status()).isEqualTo(stored.status()));
        }
    }

    @Test
    void aDecisionClaimedByAnAgentWhoseWriteNeverCameIsStoredByTheNextAttemptWhichGets409(TestInfrastructure infra)
            throws Exception {
        String id = underReview().requestId().toString();
        Instant claimedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS).minus(Duration.ofMinutes(10));
        abandonedClaim(id, "REJECTED", "Agent Parti", claimedAt);

        try (TopicProbe decided = TopicProbe.on(infra.kafkaBootstrapServers(), Topics.REQUESTS_DECIDED)) {
            mvc.perform(post("/api/v1/decisions/{id}/review", id).with(agent())
                            .contentType(MediaType.APPLICATION_JSON).content(review("APPROVED", MOTIVE)))
                    .andExpect(status().isConflict());
            assertThat(decisions(decided.await(of(id, 2), 1, TIMEOUT))).singleElement().satisfies(event -> {
                assertThat(event.status()).isEqualTo(DecisionStatus.REJECTED);
                assertThat(event.agent()).isEqualTo("Agent Parti");
                assertThat(event.motive()).isEqualTo(MOTIVE);
            });
        }
        var stored = store.find(id).orElseThrow();
        assertThat(stored.status()).isEqualTo(DecisionStatus.REJECTED);
        assertThat(stored.history()).extracting(d -> d.decisionNumber()).containsExactly(1, 2);
        assertThat(stored.decision().decidedAt()).isEqualTo(claimedAt);
        mvc.perform(get("/api/v1/decisions").param("status", "UNDER_REVIEW").param("department", "38")
                        .param("size", "200").with(agent()))
                .andExpect(jsonPath("$.content[*].requestId", not(hasItem(id))));
    }

    @Test
    void aRecentClaimOfAnotherAgentIsLeftToItAndTheAttemptGets409() throws Exception {
        String id = underReview().requestId().toString();
        abandonedClaim(id, "REJECTED", "Agent Occupé", Instant.now().truncatedTo(ChronoUnit.MILLIS));

        mvc.perform(post("/api/v1/decisions/{id}/review", id).with(agent())
                        .contentType(MediaType.APPLICATION_JSON).content(review("APPROVED", MOTIVE)))
                .andExpect(status().isConflict());
        assertThat(store.find(id).orElseThrow().status()).isEqualTo(DecisionStatus.UNDER_REVIEW);
    }

    @Test
    void anInvalidReviewIs400WithEveryFieldInErrorAndChangesNothing() throws Exception {
        String id = underReview().requestId().toString();
        mvc.perform(post("/api/v1/decisions/{id}/review", id).with(agent())
                        .contentType(MediaType.APPLICATION_JSON).content(review("UNDER_REVIEW", "123456789")))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[*].field", contains("status", "motive")))
                .andExpect(jsonPath("$.errors[*].code", contains("STATUS_NOT_ALLOWED", "MOTIVE_LENGTH")))
                .andExpect(jsonPath("$.errors[1].message").value("Le motif doit compter de 10 à 2000 caractères."));
        mvc.perform(post("/api/v1/decisions/{id}/review", id).with(agent())
                        .contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].code", contains("STATUS_REQUIRED", "MOTIVE_REQUIRED")));
        mvc.perform(post("/api/v1/decisions/{id}/review", id).with(agent())
                        .contentType(MediaType.APPLICATION_JSON).content(review("REJECTED", "x".repeat(2001))))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].code").value("MOTIVE_LENGTH"));
        mvc.perform(post("/api/v1/decisions/{id}/review", id).with(agent())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"status\": \"APPROVED\", \"motive\": \"" + MOTIVE + "\", \"agent\": \"moi\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.title").value("Requête invalide"));
        mvc.perform(post("/api/v1/decisions/{id}/review", id).with(agent())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"status\": "))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.startsWith("Le corps de la requête")));
        mvc.perform(post("/api/v1/decisions/{id}/review", id).with(agent())
                        .contentType(MediaType.TEXT_PLAIN).content("APPROVED"))
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("UNSUPPORTED_MEDIA_TYPE"))
                .andExpect(jsonPath("$.title").value("Format non pris en charge"));

        assertThat(store.find(id).orElseThrow().status()).isEqualTo(DecisionStatus.UNDER_REVIEW);
        mvc.perform(post("/api/v1/decisions/{id}/review", id).with(agent())
                        .contentType(MediaType.APPLICATION_JSON).content(review("rejected", "  0123456789  ")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("REJECTED"))
                .andExpect(jsonPath("$.motive").value("0123456789"));
    }

    @Test
    void anUnknownIdOrOneThatIsNotAUuidIs404() throws Exception {
        for (String id : List.of(java.util.UUID.randomUUID().toString(), "not-a-uuid", "42")) {
            mvc.perform(get("/api/v1/decisions/{id}", id).with(agent()))
                    .andExpect(status().isNotFound())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.code").value("NOT_FOUND"))
                    .andExpect(jsonPath("$.detail").value("Aucune demande ne correspond à cet identifiant."));
            mvc.perform(post("/api/v1/decisions/{id}/review", id).with(agent())
                            .contentType(MediaType.APPLICATION_JSON).content(review("APPROVED", MOTIVE)))
                    .andExpect(status().isNotFound());
        }
    }

    @Test
    void theListFiltersSearchesAndPagesOldestSubmissionFirst() throws Exception {
        String token = "Filtre" + java.util.UUID.randomUUID().toString().substring(0, 8);
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS).minus(Duration.ofDays(3));
        var siret = Sirets.random();
        // Decided out of submission order on purpose.
        RequestSubmitted second = decide(named(Requests.t4(siret, "A1"), "Mairie " + token), t0.plusSeconds(60), "38");
        RequestSubmitted third = decide(named(Requests.t2(Sirets.random(), false, null), "CIAS " + token), t0.plusSeconds(120), "38");
        RequestSubmitted first = decide(named(Requests.t9(Sirets.random(), fr.caf38.cdap.events.value.Measure.MAJ),
                "Association " + token.toLowerCase(java.util.Locale.ROOT)), t0, "38");
        RequestSubmitted savoie = decide(named(Requests.t4(Sirets.random(), "B2"), "Mairie " + token), t0.plusSeconds(30), "73");

        mvc.perform(get("/api/v1/decisions").param("q", token).param("department", "38")
                        .with(agentOfSeveralCafs()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.totalElements").value(3))
                .andExpect(jsonPath("$.content[*].reference",
                        contains(first.reference(), second.reference(), third.reference())));
        mvc.perform(get("/api/v1/decisions").param("q", token).param("size", "2").param("page", "1")
                        .with(agentOfSeveralCafs()))
                .andExpect(jsonPath("$.totalElements").value(4))
                .andExpect(jsonPath("$.page").value(1))
                .andExpect(jsonPath("$.size").value(2))
                .andExpect(jsonPath("$.content[*].reference", contains(second.reference(), third.reference())));
        mvc.perform(get("/api/v1/decisions").param("q", token).param("status", "REJECTED").with(agentOfSeveralCafs()))
                .andExpect(jsonPath("$.content[*].reference", contains(third.reference())));
        mvc.perform(get("/api/v1/decisions").param("q", token).param("profile", "T4").param("department", "73")
                        .with(agentOfSeveralCafs()))
                .andExpect(jsonPath("$.content[*].reference", contains(savoie.reference())));
        // A SIRET as partners type it, and a reference.
        String spaced = siret.value().substring(0, 3) + " " + siret.value().substring(3, 6) + " "
                + siret.value().substring(6, 9) + " " + siret.value().substring(9);
        mvc.perform(get("/api/v1/decisions").param("q", spaced).with(agentOfSeveralCafs()))
                .andExpect(jsonPath("$.content[*].reference", contains(second.reference())));
        mvc.perform(get("/api/v1/decisions").param("q", third.reference().toLowerCase(java.util.Locale.ROOT))
                        .with(agentOfSeveralCafs()))
                .andExpect(jsonPath("$.content[*].reference", contains(third.reference())));
        // Characters that mean something in a regular expression are searched as typed.
        mvc.perform(get("/api/v1/decisions").param("q", token + ".*").with(agentOfSeveralCafs()))
                .andExpect(jsonPath("$.totalElements").value(0));
    }

    @Test
    void invalidListFiltersAre400WithEveryFieldInError() throws Exception {
        mvc.perform(get("/api/v1/decisions").param("status", "PENDING").param("profile", "T3")
                        .param("department", "20").param("size", "500").with(agent()))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[*].code",
                        contains("UNKNOWN_STATUS", "UNKNOWN_PROFILE", "UNKNOWN_DEPARTMENT", "SIZE_INVALID")));
        mvc.perform(get("/api/v1/decisions").param("page", "abc").with(agent()))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    /** A claim as an agent's review inserts it, without the decision's write that follows it. */
    private void abandonedClaim(String id, String status, String agentName, Instant claimedAt) {
        mongo.insert(new Document("_id", id + "|decision|2").append("requestId", id)
                .append("status", status).append("agent", agentName).append("motive", MOTIVE)
                .append("eventId", java.util.UUID.randomUUID().toString())
                .append("claimedAt", java.util.Date.from(claimedAt)), DecisionStore.CLAIMS);
    }

    private static String review(String status, String motive) {
        return "{\"status\": \"" + status + "\", \"motive\": \"" + motive + "\"}";
    }

    private RequestSubmitted underReview() {
        return decide(Requests.t1(Sirets.random(), OrganisationType.OTHER, StaffRole.SOCIAL_WORKER));
    }

    private RequestSubmitted decide(SubmittedRequest request) {
        return decide(request, Instant.now().truncatedTo(ChronoUnit.MILLIS), "38");
    }

    private RequestSubmitted decide(SubmittedRequest request, Instant submittedAt, String caf) {
        RequestSubmitted event = Requests.submitted(caf, request, submittedAt);
        assertThat(decisionMaker.decide(event)).isNotNull();
        return event;
    }

    private static SubmittedRequest named(SubmittedRequest request, String legalName) {
        return Requests.withLegalName(request, legalName);
    }

    private List<EligibilityDecided> decisions(List<ConsumerRecord<String, String>> records) {
        return records.stream().map(r -> codec.decode(r.value(), EligibilityDecided.class)).toList();
    }

    private Predicate<ConsumerRecord<String, String>> of(String requestId, int decisionNumber) {
        return record -> {
            EligibilityDecided event = codec.decode(record.value(), EligibilityDecided.class);
            return event.requestId().toString().equals(requestId) && event.decisionNumber() == decisionNumber;
        };
    }

    private static org.springframework.test.web.servlet.request.RequestPostProcessor agent() {
        return httpBasic("agent", "agent");
    }

    /** An agent of Cafs 38 and 73 (and others), who lists both. */
    private static org.springframework.test.web.servlet.request.RequestPostProcessor agentOfSeveralCafs() {
        return httpBasic("agent-several", "agent");
    }
}
