package fr.caf38.cdap.eligibility.decision;

import fr.caf38.cdap.eligibility.IntegrationTest;
import fr.caf38.cdap.eligibility.Requests;
import fr.caf38.cdap.eligibility.Sirets;
import fr.caf38.cdap.eligibility.SubmissionPublisher;
import fr.caf38.cdap.eligibility.review.ReviewService;
import fr.caf38.cdap.events.EligibilityDecided;
import fr.caf38.cdap.events.Finding;
import fr.caf38.cdap.events.RequestAmended;
import fr.caf38.cdap.events.RequestSubmitted;
import fr.caf38.cdap.events.Topics;
import fr.caf38.cdap.events.request.SubmittedRequest;
import fr.caf38.cdap.events.value.DecidedBy;
import fr.caf38.cdap.events.value.DecisionStatus;
import fr.caf38.cdap.events.value.DepartmentCode;
import fr.caf38.cdap.events.value.OrganisationType;
import fr.caf38.cdap.events.value.Profile;
import fr.caf38.cdap.events.value.Siret;
import fr.caf38.cdap.events.value.StaffRole;
import fr.caf38.cdap.messaging.codec.EventCodec;
import fr.caf38.cdap.testinfra.TestInfrastructure;
import fr.caf38.cdap.testinfra.TopicProbe;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Amendments on {@code access-requests.submitted}: the rules decide the amended request again as if
 * new (the duplicate rule leaving the request itself out and following its new profile), the next
 * decision is published, a redelivery takes effect once, and a stale amendment is skipped.
 */
class AmendmentIntegrationTest extends IntegrationTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(45);
    private static final String MESSAGE = "Merci d'indiquer la référence de la subvention d'action sociale.";

    @Autowired
    DecisionMaker decisionMaker;
    @Autowired
    DecisionStore store;
    @Autowired
    ReviewService reviews;
    @Autowired
    ReviewQueue reviewQueue;
    @Autowired
    AwaitingChanges awaitingChanges;
    @Autowired
    EventCodec codec;
    @Autowired
    DecisionCounters counters;
    @Autowired
    org.springframework.data.mongodb.core.MongoTemplate mongo;

    @Test
    void aT2AmendedWithItsSubsidyReferenceIsApprovedAsTheNextDecisionAndLeavesTheWaitingList(TestInfrastructure infra) {
        Siret siret = Sirets.random();
        RequestSubmitted submitted = submit(Requests.t2(siret, true, null));
        String id = submitted.requestId().toString();
        assertThat(store.find(id).orElseThrow().status()).isEqualTo(DecisionStatus.UNDER_REVIEW);

        askForChanges(id);
        assertThat(waitingForPartner()).contains(id);
        assertThat(waitingForReview()).doesNotContain(id);

        RequestAmended amended = amendment(submitted, 2, Requests.t2(siret, true, "SUB-2026-042"));
        try (TopicProbe decided = TopicProbe.on(infra.kafkaBootstrapServers(), Topics.REQUESTS_DECIDED);
             SubmissionPublisher publisher = new SubmissionPublisher(infra.kafkaBootstrapServers())) {
            publisher.publish(amended);
            EligibilityDecided event = decisions(decided.await(of(id, 3), 1, TIMEOUT)).get(0);
            assertThat(event.status()).isEqualTo(DecisionStatus.APPROVED);
            assertThat(event.decidedBy()).isEqualTo(DecidedBy.RULES);
            assertThat(event.revision()).isEqualTo(2);
            assertThat(event.agent()).isNull();
            // The request's own CHANGES_REQUESTED entry under its key is not a duplicate of itself.
            assertThat(event.findings()).extracting(Finding::code).contains("T2_SUBSIDISED")
                    .doesNotContain("DUPLICATE_REQUEST");
        }
        DecisionDocument stored = store.find(id).orElseThrow();
        assertThat(stored.history()).extracting(Decision::decisionNumber).containsExactly(1, 2, 3);
        assertThat(stored.history()).extracting(Decision::revision).containsExactly(1, 1, 2);
        assertThat(stored.revisions()).extracting(Revision::revision).containsExactly(1, 2);
        assertThat(stored.currentRequest().t2().subsidyReference()).isEqualTo("SUB-2026-042");
        assertThat(stored.request().t2().subsidyReference()).isNull();
        assertThat(waitingForPartner()).doesNotContain(id);
        assertThat(waitingForReview()).doesNotContain(id);
    }

    @Test
    void aRedeliveredAmendmentIsDecidedOnceAndStaleOrUnknownOnesAreSkipped(TestInfrastructure infra) {
        Siret siret = Sirets.random();
        RequestSubmitted submitted = submit(Requests.t2(siret, true, null));
        String id = submitted.requestId().toString();
        askForChanges(id);
        RequestAmended amended = amendment(submitted, 2, Requests.t2(siret, true, "SUB-2026-043"));
        // Not waiting for changes: an approved request.
        Siret approvedSiret = Sirets.random();
        RequestSubmitted approved = submit(Requests.t2(approvedSiret, true, "SUB-1"));
        RequestAmended stale = amendment(approved, 2, Requests.t2(approvedSiret, false, null));
        RequestAmended unknown = RequestAmended.of(java.util.UUID.randomUUID(), "CDAP-38-2026-99999",
                DepartmentCode.of("38"), Instant.now(), 2, Requests.t2(siret, true, "SUB-9"));
        // Later events of the same keys (so the same partitions): once they are decided, the ones before were read.
        RequestSubmitted afterAmendments = Requests.submitted("38", Requests.t4(siret, "RSA-9"), Instant.now());
        RequestSubmitted afterStale = Requests.submitted("38", Requests.t4(approvedSiret, "RSA-9"), Instant.now());

        try (TopicProbe decided = TopicProbe.on(infra.kafkaBootstrapServers(), Topics.REQUESTS_DECIDED);
             SubmissionPublisher publisher = new SubmissionPublisher(infra.kafkaBootstrapServers())) {
            publisher.publish(amended);
            publisher.publish(amended);
            publisher.publish(unknown);
            publisher.publish(stale);
            publisher.publish(afterAmendments);
            publisher.publish(afterStale);
            assertThat(decided.await(of(afterAmendments.requestId().toString(), 1), 1, TIMEOUT)).hasSize(1);
            assertThat(decided.await(of(afterStale.requestId().toString(), 1), 1, TIMEOUT)).hasSize(1);
            assertThat(decisions(decided.await(of(id, 3), 1, TIMEOUT))).singleElement()
                    .satisfies(event -> assertThat(event.revision()).isEqualTo(2));
            assertThat(decided.await(of(approved.requestId().toString(), 2), 1, Duration.ZERO)).isEmpty();
        }
        assertThat(store.find(id).orElseThrow().history()).hasSize(3);
        // Delivered again directly: already decided, nothing changes.
        assertThat(decisionMaker.decideAll(List.of(amended)).get(0)).isInstanceOf(DecisionMaker.AlreadyDecided.class);
        assertThat(store.find(id).orElseThrow().history()).hasSize(3);
        assertThat(decisionMaker.decideAll(List.of(stale)).get(0)).isInstanceOf(DecisionMaker.Stale.class);
        assertThat(decisionMaker.decideAll(List.of(unknown)).get(0)).isInstanceOf(DecisionMaker.Stale.class);
        DecisionDocument untouched = store.find(approved.requestId().toString()).orElseThrow();
        assertThat(untouched.history()).hasSize(1);
        assertThat(untouched.revision()).isEqualTo(1);
    }

    @Test
    void anAmendmentOfAnotherRevisionThanTheNextIsSkipped() {
        Siret siret = Sirets.random();
        RequestSubmitted submitted = submit(Requests.t2(siret, true, null));
        String id = submitted.requestId().toString();
        askForChanges(id);
        RequestAmended skipped = amendment(submitted, 3, Requests.t2(siret, true, "SUB-3"));
        assertThat(decisionMaker.decideAll(List.of(skipped)).get(0)).isInstanceOf(DecisionMaker.Stale.class);
        assertThat(store.find(id).orElseThrow().status()).isEqualTo(DecisionStatus.CHANGES_REQUESTED);
        assertThat(waitingForPartner()).contains(id);
    }

    @Test
    void twoRoundsOfChangesEndApprovedWithEveryRevisionAndDecisionKept() {
        Siret siret = Sirets.random();
        RequestSubmitted submitted = submit(Requests.t2(siret, true, null));
        String id = submitted.requestId().toString();

        askForChanges(id);
        Decision second = decisionMaker.decide(amendment(submitted, 2, Requests.withLegalName(
                Requests.t2(siret, true, null), "Centre social des Alpes")));
        assertThat(second.status()).isEqualTo(DecisionStatus.UNDER_REVIEW);
        assertThat(second.decisionNumber()).isEqualTo(3);
        assertThat(waitingForReview()).contains(id);
        assertThat(waitingForPartner()).doesNotContain(id);

        askForChanges(id);
        assertThat(waitingForReview()).doesNotContain(id);
        assertThat(waitingForPartner()).contains(id);
        Decision third = decisionMaker.decide(amendment(submitted, 3, Requests.t2(siret, true, "SUB-2026-044")));
        assertThat(third.status()).isEqualTo(DecisionStatus.APPROVED);

        DecisionDocument stored = store.find(id).orElseThrow();
        assertThat(stored.history()).extracting(Decision::status).containsExactly(DecisionStatus.UNDER_REVIEW,
                DecisionStatus.CHANGES_REQUESTED, DecisionStatus.UNDER_REVIEW, DecisionStatus.CHANGES_REQUESTED,
                DecisionStatus.APPROVED);
        assertThat(stored.history()).extracting(Decision::decisionNumber).containsExactly(1, 2, 3, 4, 5);
        assertThat(stored.history()).extracting(Decision::revision).containsExactly(1, 1, 2, 2, 3);
        assertThat(stored.history()).extracting(Decision::decidedBy).containsExactly(DecidedBy.RULES, DecidedBy.AGENT,
                DecidedBy.RULES, DecidedBy.AGENT, DecidedBy.RULES);
        assertThat(stored.revisions()).extracting(Revision::revision).containsExactly(1, 2, 3);
        assertThat(stored.legalName()).isEqualTo(Requests.t2(siret, true, null).organisation().legalName());
        assertThat(stored.status()).isEqualTo(DecisionStatus.APPROVED);
        assertThat(waitingForReview()).doesNotContain(id);
        assertThat(waitingForPartner()).doesNotContain(id);
    }

    @Test
    void anAmendmentThatChangesTheProfileCountsForTheDuplicateRuleUnderTheNewProfileOnly() {
        Siret siret = Sirets.random();
        RequestSubmitted approvedT4 = submit(Requests.t4(siret, "RSA001"));
        RequestSubmitted t1 = submit(Requests.t1(siret, OrganisationType.OTHER, StaffRole.SOCIAL_WORKER));
        String id = t1.requestId().toString();
        assertThat(codes(store.find(id).orElseThrow().decision())).doesNotContain("DUPLICATE_REQUEST");

        askForChanges(id);
        // Waiting for changes still counts as open under its profile.
        RequestSubmitted anotherT1 = submit(Requests.t1(siret, OrganisationType.OTHER, StaffRole.SOCIAL_WORKER));
        assertThat(duplicateOf(anotherT1)).singleElement().asString().contains(t1.reference());

        Decision amended = decisionMaker.decide(amendment(t1, 2, Requests.t4(siret, "RSA002")));
        assertThat(amended.status()).isEqualTo(DecisionStatus.UNDER_REVIEW);
        assertThat(amended.findings()).filteredOn(f -> f.code().equals("DUPLICATE_REQUEST")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains(approvedT4.reference()).doesNotContain(t1.reference()));
        DecisionDocument stored = store.find(id).orElseThrow();
        assertThat(stored.profile()).isEqualTo(Profile.T4);
        assertThat(store.openReferences(DepartmentCode.of("38"), siret, Profile.T1, null))
                .containsExactly(anotherT1.reference());
        assertThat(store.openReferences(DepartmentCode.of("38"), siret, Profile.T4, null))
                .containsExactly(approvedT4.reference(), t1.reference());
        assertThat(reviewQueue.waiting(DepartmentCode.of("38"))).filteredOn(w -> w.requestId().equals(id))
                .singleElement().satisfies(w -> assertThat(w.profile()).isEqualTo(Profile.T4));
    }

    @Test
    void theDashboardCountsFollowARequestFromUnderReviewThroughChangesRequestedToApproved() {
        Siret siret = Sirets.random();
        RequestSubmitted submitted = submit(Requests.t2(siret, true, null));
        String week = DecisionCounters.id("38", counters.week(submitted.occurredAt()));
        Document before = counters.read(List.of(week)).get(week);
        askForChanges(submitted.requestId().toString());
        assertThat(outcome(week, "CHANGES_REQUESTED") - outcome(before, "CHANGES_REQUESTED")).isEqualTo(1);
        assertThat(outcome(week, "UNDER_REVIEW") - outcome(before, "UNDER_REVIEW")).isEqualTo(-1);
        decisionMaker.decide(amendment(submitted, 2, Requests.t2(siret, true, "SUB-2026-045")));
        assertThat(outcome(week, "CHANGES_REQUESTED") - outcome(before, "CHANGES_REQUESTED")).isZero();
        assertThat(outcome(week, "UNDER_REVIEW") - outcome(before, "UNDER_REVIEW")).isEqualTo(-1);
        assertThat(outcome(week, "APPROVED") - outcome(before, "APPROVED")).isEqualTo(1);
    }

    @Test
    void aDocumentStoredBeforeAmendmentsReadsAsRevision1AndCanBeAmended() {
        Siret siret = Sirets.random();
        RequestSubmitted submitted = submit(Requests.t2(siret, true, null));
        String id = submitted.requestId().toString();
        askForChanges(id);
        // As an earlier version stored it: no amendments, no revision on its decisions.
        mongo.getCollection(DecisionDocument.COLLECTION).updateOne(new Document("_id", id), new Document("$unset",
                new Document("amendments", "").append("decision.revision", "").append("history.0.revision", "")
                        .append("history.1.revision", "")));
        Document raw = mongo.getCollection(DecisionDocument.COLLECTION).find(new Document("_id", id)).first();
        assertThat(raw).doesNotContainKey("amendments");
        assertThat(raw.get("decision", Document.class)).doesNotContainKey("revision");

        DecisionDocument old = store.find(id).orElseThrow();
        assertThat(old.revision()).isEqualTo(1);
        assertThat(old.revisions()).singleElement().satisfies(r -> assertThat(r.revision()).isEqualTo(1));
        assertThat(old.history()).extracting(Decision::revision).containsExactly(1, 1);
        assertThat(old.eventFor(old.decision()).revision()).isEqualTo(1);
        Decision amended = decisionMaker.decide(amendment(submitted, 2, Requests.t2(siret, true, "SUB-2026-046")));
        assertThat(amended.decisionNumber()).isEqualTo(3);
        assertThat(amended.revision()).isEqualTo(2);
    }

    private long outcome(String week, String status) {
        return outcome(counters.read(List.of(week)).get(week), status);
    }

    private static long outcome(Document counter, String status) {
        if (counter == null || !(counter.get("outcomes") instanceof Document outcomes)) {
            return 0;
        }
        Object value = outcomes.get(status);
        return value == null ? 0 : ((Number) value).longValue();
    }

    private List<String> duplicateOf(RequestSubmitted event) {
        return store.find(event.requestId().toString()).orElseThrow().decision().findings().stream()
                .filter(f -> f.code().equals("DUPLICATE_REQUEST")).map(Finding::message).toList();
    }

    private static List<String> codes(Decision decision) {
        return decision.findings().stream().map(Finding::code).toList();
    }

    private RequestSubmitted submit(SubmittedRequest request) {
        RequestSubmitted event = Requests.submitted("38", request, Instant.now().truncatedTo(ChronoUnit.MILLIS));
        assertThat(decisionMaker.decide(event)).isNotNull();
        return event;
    }

    private void askForChanges(String id) {
        assertThat(reviews.review(id, "CHANGES_REQUESTED", MESSAGE, "Agent Test", Set.of("38")).status())
                .isEqualTo(DecisionStatus.CHANGES_REQUESTED);
    }

    private static RequestAmended amendment(RequestSubmitted submitted, int revision, SubmittedRequest request) {
        return RequestAmended.of(submitted.requestId(), submitted.reference(), submitted.cafDepartment(),
                Instant.now().truncatedTo(ChronoUnit.MILLIS), revision, request);
    }

    private List<String> waitingForPartner() {
        return awaitingChanges.waiting(DepartmentCode.of("38")).stream().map(WaitingList.Waiting::requestId).toList();
    }

    private List<String> waitingForReview() {
        return reviewQueue.waiting(DepartmentCode.of("38")).stream().map(WaitingList.Waiting::requestId).toList();
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
}
