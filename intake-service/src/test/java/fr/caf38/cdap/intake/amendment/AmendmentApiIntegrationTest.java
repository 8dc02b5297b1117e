package fr.caf38.cdap.intake.amendment;

import fr.caf38.cdap.events.EligibilityDecided;
import fr.caf38.cdap.events.EventTypes;
import fr.caf38.cdap.events.Finding;
import fr.caf38.cdap.events.RequestAmended;
import fr.caf38.cdap.events.Topics;
import fr.caf38.cdap.events.value.DecidedBy;
import fr.caf38.cdap.events.value.DecisionStatus;
import fr.caf38.cdap.events.value.DepartmentCode;
import fr.caf38.cdap.events.value.FindingLevel;
import fr.caf38.cdap.events.value.Profile;
import fr.caf38.cdap.events.value.Siret;
import fr.caf38.cdap.intake.Api;
import fr.caf38.cdap.intake.IntakeIntegrationTest;
import fr.caf38.cdap.intake.Sirets;
import fr.caf38.cdap.intake.tracking.StatusUpdater;
import fr.caf38.cdap.messaging.codec.EventCodec;
import fr.caf38.cdap.testinfra.TestInfrastructure;
import fr.caf38.cdap.testinfra.TopicProbe;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static fr.caf38.cdap.intake.Api.submit;
import static fr.caf38.cdap.intake.Api.validBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * {@code PUT /api/v1/access-requests/{id}}: the partner amends a request an agent sent back for changes, over
 * the real embedded store and broker. The decisions are applied to the status view as its consumer would.
 */
@IntakeIntegrationTest
class AmendmentApiIntegrationTest {
    private static final String MESSAGE = "Indiquez la référence de la convention de subvention signée avec la Caf.";

    @Autowired
    MockMvc mvc;
    @Autowired
    StatusUpdater updater;
    @Autowired
    EventCodec codec;
    @Autowired
    RequestRevisions revisions;

    record Submitted(UUID requestId, String reference, String token, String siret, Map<String, Object> body) {
    }

    private Submitted submitted() throws Exception {
        String siret = Sirets.random();
        Map<String, Object> body = validBody(siret);
        Map<String, Object> answer = Api.read(mvc.perform(submit(body)).andExpect(status().isAccepted())
                .andReturn().getResponse().getContentAsString());
        return new Submitted(UUID.fromString((String) answer.get("requestId")), (String) answer.get("reference"),
                (String) answer.get("trackingToken"), siret, body);
    }

    /** Under review by the rules, then sent back for changes by an agent (decisions 1 and 2, on revision 1). */
    private Submitted awaitingChanges() throws Exception {
        Submitted request = submitted();
        decide(request, DecisionStatus.UNDER_REVIEW, 1, 1, null);
        decide(request, DecisionStatus.CHANGES_REQUESTED, 2, 1, MESSAGE);
        return request;
    }

    private void decide(Submitted request, DecisionStatus status, int number, int revision, String motive) {
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        updater.apply(new EligibilityDecided(UUID.randomUUID(), EligibilityDecided.TYPE, EligibilityDecided.VERSION,
                at, request.requestId(), request.reference(), DepartmentCode.of("38"), status,
                motive == null ? DecidedBy.RULES : DecidedBy.AGENT, motive == null ? null : "agent", motive,
                List.of(new Finding("T1_ELIGIBLE", FindingLevel.OK, "Profil T1.")), "CCAS de Exempleville",
                "accueil@ccas-exemple.fr", Profile.T1, Siret.parse(request.siret()), number, revision));
    }

    private static MockHttpServletRequestBuilder amend(Submitted request, String token, Object body) {
        return put(Api.SUBMISSIONS + "/" + request.requestId()).header("X-Tracking-Token", token)
                .contentType(MediaType.APPLICATION_JSON).content(body instanceof String s ? s : Api.json(body));
    }

    private Map<String, Object> view(Submitted request) throws Exception {
        return Api.read(mvc.perform(Api.status(request.requestId().toString(), request.token()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
    }

    private static Map<String, Object> amended(Submitted request) {
        Map<String, Object> body = validBody(request.siret());
        Api.with(body, "organisation.legalName", "CCAS d'Exempleville");
        Api.with(body, "otherCafAccess.motivation", "Familles suivies résidant en Savoie, à Chambéry et alentours.");
        return body;
    }

    @Test
    void anAmendmentIsAcceptedStoredAsTheNextRevisionAndPublishedAsRequestAmendedWithTheSiretAsKey(
            TestInfrastructure infra) throws Exception {
        Submitted request = awaitingChanges();
        assertThat(view(request)).containsEntry("status", "CHANGES_REQUESTED").containsEntry("revision", 1);

        mvc.perform(amend(request, request.token(), amended(request)))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.requestId").value(request.requestId().toString()))
                .andExpect(jsonPath("$.reference").value(request.reference()))
                .andExpect(jsonPath("$.status").value("SUBMITTED"))
                .andExpect(jsonPath("$.revision").value(2))
                .andExpect(jsonPath("$.trackingToken").value(request.token()))
                .andExpect(jsonPath("$.statusUrl").value(Api.SUBMISSIONS + "/" + request.requestId()));

        Map<String, Object> view = view(request);
        assertThat(view.keySet()).as("the contract's fields, no more").containsExactlyInAnyOrder("requestId",
                "reference", "status", "profile", "revision", "submittedAt", "updatedAt", "decision", "decisions",
                "timeline");
        assertThat(view).containsEntry("status", "SUBMITTED").containsEntry("revision", 2);
        assertThat(((Map<?, ?>) view.get("decision")).get("motive")).isEqualTo(MESSAGE);
        assertThat(((List<?>) view.get("decisions"))).hasSize(2);
        assertThat(((List<?>) view.get("timeline")).stream().<Object>map(e -> ((Map<?, ?>) e).get("event")).toList())
                .containsExactly("SUBMITTED", "DECIDED_UNDER_REVIEW", "DECIDED_CHANGES_REQUESTED", "AMENDED");

        try (TopicProbe probe = TopicProbe.on(infra.kafkaBootstrapServers(), Topics.REQUESTS_SUBMITTED)) {
            List<ConsumerRecord<String, String>> records = probe.await(record -> record.value().contains(
                    request.requestId().toString()) && record.value().contains(RequestAmended.TYPE), 1,
                    Duration.ofSeconds(30));
            ConsumerRecord<String, String> record = records.get(0);
            assertThat(record.key()).isEqualTo(request.siret());
            RequestAmended event = codec.decode(record.value(), RequestAmended.class);
            assertThat(event.revision()).isEqualTo(2);
            assertThat(event.reference()).isEqualTo(request.reference());
            assertThat(event.request().organisation().legalName()).isEqualTo("CCAS d'Exempleville");
            assertThat(EventTypes.byName(RequestAmended.TYPE)).contains(RequestAmended.class);
        }

        // The next decision, about revision 2, shows; the rules may then ask for changes again and again.
        decide(request, DecisionStatus.UNDER_REVIEW, 3, 2, null);
        decide(request, DecisionStatus.CHANGES_REQUESTED, 4, 2, "Précisez les communes concernées.");
        mvc.perform(amend(request, request.token(), Api.with(amended(request), "otherCafAccess.motivation",
                        "Familles suivies à Chambéry, Aix-les-Bains et La Motte-Servolex.")))
                .andExpect(status().isAccepted()).andExpect(jsonPath("$.revision").value(3));
        assertThat(view(request)).containsEntry("revision", 3).containsEntry("status", "SUBMITTED");
    }

    @Test
    void theTokenIsCheckedBeforeTheBodyAWrongTokenOrUnknownIdAnswersTheSame404WhateverIsSent() throws Exception {
        Submitted request = awaitingChanges();
        String wrongToken = request.token().substring(1) + "A";
        for (String body : List.of("{pas du json", Api.json(amended(request)), "")) {
            mvc.perform(amend(request, wrongToken, body)).andExpect(status().isNotFound())
                    .andExpect(jsonPath("$.code").value("NOT_FOUND"));
        }
        mvc.perform(put(Api.SUBMISSIONS + "/" + UUID.randomUUID()).header("X-Tracking-Token", request.token())
                        .contentType(MediaType.TEXT_PLAIN).content("x"))
                .andExpect(status().isNotFound());
        mvc.perform(put(Api.SUBMISSIONS + "/" + request.requestId()).contentType(MediaType.APPLICATION_JSON)
                .content(Api.json(amended(request)))).andExpect(status().isNotFound());
        assertThat(view(request)).containsEntry("revision", 1);
    }

    @Test
    void aBodyIsReadAndValidatedAsASubmissionAllErrorsAtOnce() throws Exception {
        Submitted request = awaitingChanges();
        Map<String, Object> body = amended(request);
        Api.with(body, "organisation.email", "pas-une-adresse");
        Api.with(body, "organisation.address.postalCode", "381");
        Map<String, Object> problem = Api.read(mvc.perform(amend(request, request.token(), body))
                .andExpect(status().isBadRequest()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8));
        assertThat(Api.errorFields(problem)).containsExactlyInAnyOrder("organisation.email:EMAIL_FORMAT",
                "organisation.address.postalCode:POSTAL_CODE_FORMAT");

        mvc.perform(amend(request, request.token(), "{\"organisation\": {}, \"inconnu\": 1}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[?(@.field == 'inconnu')].code").value("UNKNOWN_FIELD"));
        mvc.perform(amend(request, request.token(), "{pas du json")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].code").value("MALFORMED_JSON"));
        mvc.perform(amend(request, request.token(), "")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].code").value("MALFORMED_JSON"));
        mvc.perform(put(Api.SUBMISSIONS + "/" + request.requestId()).header("X-Tracking-Token", request.token())
                .contentType(MediaType.TEXT_PLAIN).content("x")).andExpect(status().isUnsupportedMediaType());
        mvc.perform(amend(request, request.token(), "{\"otherNeed\": \"" + "x".repeat(70 * 1024) + "\"}"))
                .andExpect(status().isPayloadTooLarge());
        assertThat(view(request)).containsEntry("revision", 1).containsEntry("status", "CHANGES_REQUESTED");
    }

    @Test
    void theCafAndTheSiretCannotChangeAndAnAbsentCafMeansTheRequestsOwn() throws Exception {
        Submitted request = awaitingChanges();
        Map<String, Object> otherSiret = Api.with(amended(request), "organisation.siret", Sirets.random());
        Api.with(otherSiret, "cafDepartment", "73");
        Map<String, Object> problem = Api.read(mvc.perform(amend(request, request.token(), otherSiret))
                .andExpect(status().isBadRequest()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8));
        assertThat(Api.errorFields(problem)).containsExactlyInAnyOrder("organisation.siret:NOT_AMENDABLE",
                "cafDepartment:NOT_AMENDABLE");

        // The same SIRET written with spaces is the same SIRET; no Caf means the request's own.
        String spaced = request.siret().substring(0, 3) + " " + request.siret().substring(3, 6) + " "
                + request.siret().substring(6);
        Map<String, Object> same = Api.with(amended(request), "organisation.siret", spaced);
        same.remove("cafDepartment");
        mvc.perform(amend(request, request.token(), same)).andExpect(status().isAccepted())
                .andExpect(jsonPath("$.revision").value(2));
    }

    @Test
    void anAmendmentIsRefusedWithNotAwaitingChangesInAnyOtherStatus() throws Exception {
        Submitted request = submitted();
        mvc.perform(amend(request, request.token(), amended(request))).andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("NOT_AWAITING_CHANGES"));
        decide(request, DecisionStatus.UNDER_REVIEW, 1, 1, null);
        mvc.perform(amend(request, request.token(), amended(request))).andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("NOT_AWAITING_CHANGES"));
        decide(request, DecisionStatus.CHANGES_REQUESTED, 2, 1, MESSAGE);
        mvc.perform(amend(request, request.token(), amended(request))).andExpect(status().isAccepted());
        // Amended, not yet decided again: a second amendment waits for the next request for changes.
        mvc.perform(amend(request, request.token(), amended(request))).andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("NOT_AWAITING_CHANGES"));
        decide(request, DecisionStatus.APPROVED, 3, 2, null);
        mvc.perform(amend(request, request.token(), amended(request))).andExpect(status().isConflict());
        assertThat(view(request)).containsEntry("status", "APPROVED").containsEntry("revision", 2);
    }

    @Test
    void aReplayWithTheSameKeyAnswersTheFirst202WhateverTheStatusNowAndAnotherBodyIsAConflict() throws Exception {
        Submitted request = awaitingChanges();
        String key = "modification-" + UUID.randomUUID();
        String first = mvc.perform(amend(request, request.token(), amended(request)).header("Idempotency-Key", key))
                .andExpect(status().isAccepted()).andReturn().getResponse().getContentAsString();
        decide(request, DecisionStatus.APPROVED, 3, 2, null);

        String again = mvc.perform(amend(request, request.token(), amended(request)).header("Idempotency-Key", key))
                .andExpect(status().isAccepted()).andReturn().getResponse().getContentAsString();
        assertThat(Api.read(again)).isEqualTo(Api.read(first));
        mvc.perform(amend(request, request.token(), Api.with(amended(request), "organisation.legalName", "Autre"))
                        .header("Idempotency-Key", key))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.code").value("IDEMPOTENCY_KEY_REUSED"));

        // A key that named a submission names nothing else.
        Submitted other = awaitingChanges();
        String submissionKey = "depot-" + UUID.randomUUID();
        mvc.perform(submit(validBody(Sirets.random())).header("Idempotency-Key", submissionKey))
                .andExpect(status().isAccepted());
        mvc.perform(amend(other, other.token(), amended(other)).header("Idempotency-Key", submissionKey))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.code").value("IDEMPOTENCY_KEY_REUSED"));
        assertThat(view(other)).containsEntry("revision", 1);
        assertThat(view(request)).containsEntry("revision", 2);
    }

    @Test
    void aKeyUsedForARefusedAmendmentNamesNothingAndServesOnceChangesAreAsked() throws Exception {
        Submitted request = submitted();
        decide(request, DecisionStatus.UNDER_REVIEW, 1, 1, null);
        String key = "modification-" + UUID.randomUUID();
        mvc.perform(amend(request, request.token(), amended(request)).header("Idempotency-Key", key))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.code").value("NOT_AWAITING_CHANGES"));
        decide(request, DecisionStatus.CHANGES_REQUESTED, 2, 1, MESSAGE);
        mvc.perform(amend(request, request.token(), Api.with(amended(request), "organisation.legalName", "Autre nom"))
                        .header("Idempotency-Key", key))
                .andExpect(status().isAccepted()).andExpect(jsonPath("$.revision").value(2));
    }

    @Test
    void twoAmendmentsAtOnceMakeOneRevision() throws Exception {
        Submitted request = awaitingChanges();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Integer>> sends = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                String name = "CCAS n°" + i;
                sends.add(() -> mvc.perform(amend(request, request.token(),
                        Api.with(amended(request), "organisation.legalName", name))).andReturn().getResponse()
                        .getStatus());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> sent : pool.invokeAll(sends)) {
                statuses.add(sent.get());
            }
            assertThat(statuses).containsOnly(202, 409);
            assertThat(statuses).containsOnlyOnce(202);
        } finally {
            pool.shutdown();
        }
        assertThat(view(request)).containsEntry("revision", 2);
    }

    @Test
    void aRevisionClaimedByAnAmendmentThatNeverReachedTheRequestIsTakenOverOnceAbandoned() throws Exception {
        Submitted fresh = awaitingChanges();
        Submitted stale = awaitingChanges();
        // As a process dying between the revision's claim and the request's update would leave them.
        revisions.claim(new RequestRevisions.Revision(RequestRevisions.id(fresh.requestId(), 2),
                fresh.requestId().toString(), 2, null, "another-body", Instant.now()));
        revisions.claim(new RequestRevisions.Revision(RequestRevisions.id(stale.requestId(), 2),
                stale.requestId().toString(), 2, null, "another-body",
                Instant.now().minus(AmendmentService.ABANDONED_AFTER).minusSeconds(5)));

        // Still being written, maybe: refused for now.
        mvc.perform(amend(fresh, fresh.token(), amended(fresh))).andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("NOT_AWAITING_CHANGES"));
        // Abandoned: this amendment makes revision 2.
        mvc.perform(amend(stale, stale.token(), amended(stale))).andExpect(status().isAccepted())
                .andExpect(jsonPath("$.revision").value(2));
        assertThat(view(stale)).containsEntry("revision", 2);
        assertThat(revisions.find(stale.requestId(), 2).request().organisation().legalName())
                .isEqualTo("CCAS d'Exempleville");
    }
}
