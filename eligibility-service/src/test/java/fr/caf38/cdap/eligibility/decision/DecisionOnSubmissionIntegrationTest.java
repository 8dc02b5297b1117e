package fr.caf38.cdap.eligibility.decision;

import fr.caf38.cdap.eligibility.IntegrationTest;
import fr.caf38.cdap.eligibility.Requests;
import fr.caf38.cdap.eligibility.Sirets;
import fr.caf38.cdap.eligibility.SubmissionPublisher;
import fr.caf38.cdap.events.EligibilityDecided;
import fr.caf38.cdap.events.EventHeaders;
import fr.caf38.cdap.events.Finding;
import fr.caf38.cdap.events.RequestSubmitted;
import fr.caf38.cdap.events.Topics;
import fr.caf38.cdap.events.request.SubmittedRequest;
import fr.caf38.cdap.events.value.DecidedBy;
import fr.caf38.cdap.events.value.DecisionStatus;
import fr.caf38.cdap.events.value.Measure;
import fr.caf38.cdap.events.value.OrganisationType;
import fr.caf38.cdap.events.value.Siret;
import fr.caf38.cdap.events.value.StaffRole;
import fr.caf38.cdap.messaging.codec.EventCodec;
import fr.caf38.cdap.testinfra.TestInfrastructure;
import fr.caf38.cdap.testinfra.TopicProbe;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** RequestSubmitted in on the real broker, the decision stored, EligibilityDecided out through the outbox. */
class DecisionOnSubmissionIntegrationTest extends IntegrationTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(45);
    private static final String DLQ = Topics.deadLetter(Topics.REQUESTS_SUBMITTED, "eligibility");

    @Autowired
    DecisionStore store;
    @Autowired
    DecisionMaker decisionMaker;
    @Autowired
    EventCodec codec;

    private SubmissionPublisher publisher;
    private TopicProbe decided;

    @BeforeEach
    void open(TestInfrastructure infra) {
        publisher = new SubmissionPublisher(infra.kafkaBootstrapServers());
        decided = TopicProbe.on(infra.kafkaBootstrapServers(), Topics.REQUESTS_DECIDED);
    }

    @AfterEach
    void close() {
        publisher.close();
        decided.close();
    }

    @Test
    void aT1CcasWithASocialWorkerIsApprovedAndTheDecisionPublishedWithEveryFinding() {
        Siret siret = Sirets.random();
        RequestSubmitted event = submit("38", Requests.t1(siret, OrganisationType.LOCAL_AUTHORITY, StaffRole.SOCIAL_WORKER));

        DecisionDocument document = awaitDecision(event);
        assertThat(document.status()).isEqualTo(DecisionStatus.APPROVED);
        assertThat(document.eventId()).isEqualTo(event.eventId().toString());
        assertThat(document.request()).isEqualTo(event.request());
        assertThat(document.history()).containsExactly(document.decision());
        assertThat(codes(document.decision().findings())).containsExactly("T1_ELIGIBLE", "SIRET_NOT_VERIFIED");

        ConsumerRecord<String, String> record = awaitPublished(event, 1);
        EligibilityDecided published = codec.decode(record.value(), EligibilityDecided.class);
        assertThat(record.key()).isEqualTo(siret.value());
        assertThat(header(record, EventHeaders.EVENT_TYPE)).isEqualTo(EligibilityDecided.TYPE);
        assertThat(published.status()).isEqualTo(DecisionStatus.APPROVED);
        assertThat(published.decidedBy()).isEqualTo(DecidedBy.RULES);
        assertThat(published.agent()).isNull();
        assertThat(published.decisionNumber()).isEqualTo(1);
        assertThat(published.findings()).isEqualTo(document.decision().findings());
        assertThat(published.reference()).isEqualTo(event.reference());
        assertThat(published.legalName()).isEqualTo("CCAS de Exempleville");
        assertThat(published.email()).isEqualTo("accueil@exemple.fr");
        assertThat(published.siret()).isEqualTo(siret);
    }

    @Test
    void aT2ProviderWithoutCafSubsidyIsRejected() {
        RequestSubmitted event = submit("38", Requests.t2(Sirets.random(), false, null));

        assertThat(awaitPublishedDecision(event).status()).isEqualTo(DecisionStatus.REJECTED);
        assertThat(codes(awaitDecision(event).decision().findings())).containsExactly("T2_NO_CAF_SUBSIDY", "SIRET_NOT_VERIFIED");
    }

    @Test
    void aT9ProtectionMeasureIsApproved() {
        RequestSubmitted event = submit("38", Requests.t9(Sirets.random(), Measure.GUARDIANSHIP_OR_CURATORSHIP));

        EligibilityDecided published = awaitPublishedDecision(event);
        assertThat(published.status()).isEqualTo(DecisionStatus.APPROVED);
        assertThat(codes(published.findings())).containsExactly("T9_PROTECTION_MEASURE", "SIRET_NOT_VERIFIED");
    }

    @Test
    void anOtherNeedIsRedirectedToCafproWithNoOtherFinding() {
        RequestSubmitted event = submit("38",
                Requests.withOtherCafAccess(Requests.other(Sirets.random(), "bailleur social"), "73"));

        EligibilityDecided published = awaitPublishedDecision(event);
        assertThat(published.status()).isEqualTo(DecisionStatus.REDIRECTED_TO_CAFPRO);
        assertThat(codes(published.findings())).containsExactly("PROFILE_NOT_IN_CDAP");
    }

    @Test
    void askingForAnotherCafsFilesSendsTheRequestToAnAgent() {
        RequestSubmitted event = submit("38", Requests.withOtherCafAccess(
                Requests.t1(Sirets.random(), OrganisationType.LOCAL_AUTHORITY, StaffRole.SOCIAL_WORKER), "73", "74"));

        EligibilityDecided published = awaitPublishedDecision(event);
        assertThat(published.status()).isEqualTo(DecisionStatus.UNDER_REVIEW);
        assertThat(published.findings()).filteredOn(f -> f.code().equals("OTHER_CAF_ACCESS_REQUESTED"))
                .singleElement().satisfies(f -> assertThat(f.message()).contains("73 et 74"));
    }

    @Test
    void aSecondRequestForTheSameSiretAndProfileIsADuplicateForAnAgent() {
        Siret siret = Sirets.random();
        RequestSubmitted first = submit("38", Requests.t4(siret, "RSA001"));
        RequestSubmitted second = submit("38", Requests.t4(siret, "RSA001"));
        RequestSubmitted otherCaf = submit("73", Requests.t4(siret, "RSA001"));

        assertThat(awaitPublishedDecision(first).status()).isEqualTo(DecisionStatus.APPROVED);
        EligibilityDecided duplicate = awaitPublishedDecision(second);
        assertThat(duplicate.status()).isEqualTo(DecisionStatus.UNDER_REVIEW);
        assertThat(duplicate.findings()).filteredOn(f -> f.code().equals("DUPLICATE_REQUEST"))
                .singleElement().satisfies(f -> assertThat(f.message()).contains(first.reference()));
        // Another Caf's request is not a duplicate of this one.
        assertThat(awaitPublishedDecision(otherCaf).status()).isEqualTo(DecisionStatus.APPROVED);
    }

    @Test
    void theSameEventDeliveredTwiceGivesOneDecisionAndOneOutputEvent() {
        RequestSubmitted event = Requests.submitted("38", Requests.t9(Sirets.random(), Measure.MAJ), now());
        publisher.publish(event);
        publisher.publish(event);

        awaitDecision(event);
        awaitPublished(event, 1);
        assertThat(decided.during(matching(event), Duration.ofSeconds(3))).hasSize(1);
        // A third delivery, straight to the service, changes nothing either.
        assertThat(decisionMaker.decide(event)).isNull();
        assertThat(store.count(new DecisionFilter(null, null, null, event.reference()))).isEqualTo(1);
    }

    @Test
    void theStoreRefusesASecondDecisionForTheSameSourceEvent() {
        RequestSubmitted event = submit("38", Requests.t4(Sirets.random(), "X1"));
        DecisionDocument stored = awaitDecision(event);
        var sameEventOtherRequest = new DecisionDocument(UUID.randomUUID().toString(), stored.eventId(),
                stored.reference() + "-BIS", stored.cafDepartment(), stored.siret(), stored.profile(),
                stored.legalName(), stored.submittedAt(), stored.request(), stored.status(), stored.decision(),
                stored.history(), 0);

        assertThatThrownBy(() -> store.insert(sameEventOtherRequest,
                sameEventOtherRequest.eventFor(stored.decision())))
                .isInstanceOf(DuplicateKeyException.class);
    }

    @Test
    void aMalformedRecordLandsInTheDeadLetterTopicAndTheNextGoodRecordIsStillDecided(TestInfrastructure infra) {
        Siret siret = Sirets.random();
        String marker = UUID.randomUUID().toString();
        RequestSubmitted incomplete = Requests.submitted("38", new SubmittedRequest(
                Requests.organisation(siret, "Sans détails"), fr.caf38.cdap.events.value.Profile.T1,
                null, null, null, null, null, null, null), now());
        RequestSubmitted good = Requests.submitted("38", Requests.t4(siret, "RSA002"), now());

        try (TopicProbe deadLetters = TopicProbe.on(infra.kafkaBootstrapServers(), DLQ)) {
            // Same key, so the same partition: the good record is behind the bad ones.
            publisher.publishRaw(siret.value(), "{\"marker\":\"" + marker + "\", this is not JSON");
            publisher.publish(incomplete);
            publisher.publish(good);

            assertThat(awaitPublishedDecision(good).status()).isEqualTo(DecisionStatus.APPROVED);
            var dead = deadLetters.await(r -> r.value().contains(marker)
                    || r.value().contains(incomplete.eventId().toString()), 2, TIMEOUT);
            assertThat(dead).hasSize(2);
            assertThat(dead).allSatisfy(r -> {
                assertThat(r.key()).isEqualTo(siret.value());
                assertThat(header(r, "x-exception-message")).isNotBlank();
                assertThat(header(r, "x-original-topic")).isEqualTo(Topics.REQUESTS_SUBMITTED);
            });
        }
        assertThat(store.exists(incomplete.requestId().toString())).isFalse();
    }

    private RequestSubmitted submit(String caf, SubmittedRequest request) {
        RequestSubmitted event = Requests.submitted(caf, request, now());
        publisher.publish(event);
        return event;
    }

    private DecisionDocument awaitDecision(RequestSubmitted event) {
        String id = event.requestId().toString();
        await().atMost(TIMEOUT).until(() -> store.find(id).isPresent());
        return store.find(id).orElseThrow();
    }

    private EligibilityDecided awaitPublishedDecision(RequestSubmitted event) {
        return codec.decode(awaitPublished(event, 1).value(), EligibilityDecided.class);
    }

    private ConsumerRecord<String, String> awaitPublished(RequestSubmitted event, int count) {
        List<ConsumerRecord<String, String>> records = decided.await(matching(event), count, TIMEOUT);
        assertThat(records).as("EligibilityDecided for %s", event.reference()).hasSize(count);
        return records.get(count - 1);
    }

    private java.util.function.Predicate<ConsumerRecord<String, String>> matching(RequestSubmitted event) {
        String id = event.requestId().toString();
        return record -> record.value().contains(id);
    }

    private static List<String> codes(List<Finding> findings) {
        return findings.stream().map(Finding::code).toList();
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
