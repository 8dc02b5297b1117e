package fr.caf38.cdap.intake.request;

import fr.caf38.cdap.events.value.DecidedBy;
import fr.caf38.cdap.events.value.DecisionStatus;
import fr.caf38.cdap.events.value.DepartmentCode;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The status shown is derived from the stored decisions, in the by-key layout and in the former one alike. */
class AccessRequestTest {
    private static final Instant AT = Instant.parse("2026-03-01T10:00:00Z");

    private static RequestDecision decision(DecisionStatus status, int number) {
        return new RequestDecision(status, number == 1 ? DecidedBy.RULES : DecidedBy.AGENT, AT.plusSeconds(number),
                List.of(), null, number, null);
    }

    private static RequestDecision decision(DecisionStatus status, int number, int revision) {
        return new RequestDecision(status, DecidedBy.RULES, AT.plusSeconds(number), List.of(), null, number, revision);
    }

    private static AccessRequest request(String status, RequestDecision legacy, Map<String, RequestDecision> decisions,
                                         List<TimelineEntry> timeline, List<String> handled) {
        return new AccessRequest(UUID.randomUUID().toString(), "CDAP-38-2026-00001", DepartmentCode.of("38"), AT, AT,
                null, status, legacy, decisions, null, timeline, handled, null);
    }

    private static AccessRequest amended(int revision, RequestDecision... decisions) {
        Map<String, RequestDecision> byNumber = new java.util.HashMap<>();
        for (RequestDecision d : decisions) {
            byNumber.put(Integer.toString(d.decisionNumber()), d);
        }
        return new AccessRequest(UUID.randomUUID().toString(), "CDAP-38-2026-00001", DepartmentCode.of("38"), AT, AT,
                null, "SUBMITTED", null, byNumber, null, List.of(), null, revision);
    }

    @Test
    void anAmendedRequestShowsSubmittedUntilADecisionAboutItsRevisionArrives() {
        AccessRequest waiting = amended(2, decision(DecisionStatus.UNDER_REVIEW, 1, 1),
                decision(DecisionStatus.CHANGES_REQUESTED, 2, 1));
        assertThat(waiting.status()).isEqualTo("SUBMITTED");
        assertThat(waiting.revision()).isEqualTo(2);
        assertThat(waiting.decision().status()).isEqualTo(DecisionStatus.CHANGES_REQUESTED);

        AccessRequest decided = amended(2, decision(DecisionStatus.UNDER_REVIEW, 1, 1),
                decision(DecisionStatus.CHANGES_REQUESTED, 2, 1), decision(DecisionStatus.APPROVED, 3, 2));
        assertThat(decided.status()).isEqualTo("APPROVED");
        assertThat(decided.allDecisions()).extracting(RequestDecision::decisionNumber).containsExactly(1, 2, 3);
    }

    @Test
    void aDecisionStoredBeforeAmendmentsExistedDecidedTheFirstRevision() {
        AccessRequest old = request("SUBMITTED", null, Map.of("1", decision(DecisionStatus.APPROVED, 1)), List.of(),
                null);
        assertThat(old.revision()).isEqualTo(1);
        assertThat(old.decision().revision()).isEqualTo(1);
        assertThat(old.status()).isEqualTo("APPROVED");
    }

    @Test
    void beforeAnyDecisionTheRequestShowsSubmittedAndNoDecision() {
        AccessRequest request = request("SUBMITTED", null, null, List.of(new TimelineEntry(AT, "SUBMITTED")), null);
        assertThat(request.status()).isEqualTo("SUBMITTED");
        assertThat(request.decision()).isNull();
    }

    @Test
    void theHighestNumberedDecisionIsShownWhateverOrderTheyWereStoredIn() {
        AccessRequest request = request("SUBMITTED", null,
                Map.of("2", decision(DecisionStatus.REJECTED, 2), "1", decision(DecisionStatus.UNDER_REVIEW, 1)),
                List.of(), null);
        assertThat(request.status()).isEqualTo("REJECTED");
        assertThat(request.decision().decisionNumber()).isEqualTo(2);
    }

    @Test
    void aDocumentOfTheFormerLayoutReadsTheSameAndShowsAnEventItHadAppliedOnce() {
        String applied = UUID.randomUUID().toString();
        List<TimelineEntry> timeline = List.of(new TimelineEntry(AT, "SUBMITTED"),
                new TimelineEntry(AT.plusSeconds(1), "DECIDED_UNDER_REVIEW"),
                // The same event delivered again after the upgrade: stored with its id, not shown twice.
                new TimelineEntry(AT.plusSeconds(1), "DECIDED_UNDER_REVIEW", applied));
        AccessRequest former = request("UNDER_REVIEW", decision(DecisionStatus.UNDER_REVIEW, 1),
                Map.of("1", decision(DecisionStatus.UNDER_REVIEW, 1)), timeline, List.of(applied));
        assertThat(former.status()).isEqualTo("UNDER_REVIEW");
        assertThat(former.timeline()).extracting(TimelineEntry::event)
                .containsExactly("SUBMITTED", "DECIDED_UNDER_REVIEW");

        AccessRequest decidedSince = request("UNDER_REVIEW", decision(DecisionStatus.UNDER_REVIEW, 1),
                Map.of("2", decision(DecisionStatus.APPROVED, 2)), timeline, List.of(applied));
        assertThat(decidedSince.status()).isEqualTo("APPROVED");
        assertThat(decidedSince.decision().decidedBy()).isEqualTo(DecidedBy.AGENT);
    }
}
