package fr.caf38.cdap.notification.delivery;

import fr.caf38.cdap.events.value.NotificationKind;
import fr.caf38.cdap.notification.store.Audience;
import fr.caf38.cdap.notification.store.Notification;
import fr.caf38.cdap.notification.store.NotificationIds;
import fr.caf38.cdap.notification.store.NotificationStatus;
import fr.caf38.cdap.notification.store.NotificationStore.Predecessors;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class DeliveryOrderTest {
    private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
    private static final Duration MAX_WAIT = Duration.ofHours(1);
    private final String request = UUID.randomUUID().toString();
    private final String ackId = NotificationIds.acknowledgement(request, 1);

    @Test
    void theAcknowledgementAndTheAgentsNoticeAreNeverHeldBack() {
        Notification ack = partner(ackId, List.of(), NotificationStatus.PENDING, NOW);
        Notification notice = email(NotificationKind.AGENT_REVIEW_NOTICE, request, "notice").audience(Audience.AGENTS)
                .status(NotificationStatus.PENDING).nextAttemptAt(NOW).createdAt(NOW).build();

        assertThat(DeliveryOrder.mayGo(ack, predecessors(List.of(ack), Set.of(), ack), NOW, MAX_WAIT)).isTrue();
        assertThat(DeliveryOrder.mayGo(notice, predecessors(List.of(notice), Set.of(), ack), NOW, MAX_WAIT)).isTrue();
    }

    @Test
    void aDecisionWaitsWhileTheAcknowledgementIsPending() {
        Notification ack = partner(ackId, List.of(), NotificationStatus.PENDING, NOW);
        Notification decision = partner(id(NotificationKind.APPROVED, 1, 1), List.of(ackId), NotificationStatus.PENDING, NOW);

        var split = DeliveryOrder.split(List.of(ack, decision), predecessors(List.of(ack, decision), Set.of(), ack),
                NOW, MAX_WAIT);

        assertThat(split.ready()).containsExactly(ack);
        assertThat(split.waiting()).containsExactly(decision);
    }

    @Test
    void aDecisionThatArrivedBeforeItsPredecessorWaitsForIt() {
        Notification decision = partner(id(NotificationKind.APPROVED, 1, 1), List.of(ackId), NotificationStatus.PENDING,
                NOW.minusSeconds(60));

        assertThat(DeliveryOrder.mayGo(decision, predecessors(List.of(decision), Set.of()), NOW, MAX_WAIT)).isFalse();
    }

    @Test
    void aDecisionGoesOnceItsPredecessorIsSent() {
        Notification ack = partner(ackId, List.of(), NotificationStatus.SENT, NOW);
        Notification decision = partner(id(NotificationKind.UNDER_REVIEW, 1, 1), List.of(ackId),
                NotificationStatus.PENDING, NOW);

        assertThat(DeliveryOrder.mayGo(decision, predecessors(List.of(decision), Set.of(), ack), NOW, MAX_WAIT)).isTrue();
    }

    @Test
    void anAgentsDecisionWaitsForTheDecisionBeforeIt() {
        List<String> afterReview = NotificationIds.beforeDecision(request, 1, 2, false);
        Notification review = partner(id(NotificationKind.UNDER_REVIEW, 1, 1), List.of(ackId), NotificationStatus.PENDING, NOW);
        Notification approval = partner(id(NotificationKind.APPROVED, 1, 2), afterReview, NotificationStatus.PENDING, NOW);

        assertThat(DeliveryOrder.mayGo(approval, predecessors(List.of(approval), Set.of(), review), NOW, MAX_WAIT)).isFalse();
        Notification reviewSent = partner(review.id(), List.of(ackId), NotificationStatus.SENT, NOW);
        assertThat(DeliveryOrder.mayGo(approval, predecessors(List.of(approval), Set.of(), reviewSent), NOW, MAX_WAIT))
                .isTrue();
    }

    @Test
    void anAmendmentsAcknowledgementWaitsForTheChangesRequestedEmailItFollowsAndUntilThatIsKnown() {
        String changesId = id(NotificationKind.CHANGES_REQUESTED, 1, 2);
        Notification amendedAck = email(NotificationKind.AMENDMENT_ACKNOWLEDGEMENT, request,
                NotificationIds.acknowledgement(request, 2)).follows(List.of()).status(NotificationStatus.PENDING)
                .createdAt(NOW).build();

        // The CHANGES_REQUESTED event has not arrived: no link yet, so it waits.
        Predecessors unknown = new Predecessors(Map.of(), Set.of(amendedAck.id()), Map.of());
        assertThat(DeliveryOrder.mayGo(amendedAck, unknown, NOW, MAX_WAIT)).isFalse();
        assertThat(DeliveryOrder.mayGo(amendedAck, unknown, NOW.plus(MAX_WAIT), MAX_WAIT))
                .as("not for ever").isTrue();
        Notification changes = partner(changesId, List.of(), NotificationStatus.PENDING, NOW);
        Predecessors pending = new Predecessors(Map.of(amendedAck.id(), List.of(changesId)), Set.of(),
                Map.of(changesId, changes));
        assertThat(DeliveryOrder.mayGo(amendedAck, pending, NOW, MAX_WAIT)).isFalse();
        Predecessors sent = new Predecessors(Map.of(amendedAck.id(), List.of(changesId)), Set.of(),
                Map.of(changesId, changes.toBuilder().status(NotificationStatus.SENT).build()));
        assertThat(DeliveryOrder.mayGo(amendedAck, sent, NOW, MAX_WAIT)).isTrue();
    }

    @Test
    void aFailedEarlierEmailDoesNotBlockTheLaterOnes() {
        Notification ack = partner(ackId, List.of(), NotificationStatus.FAILED, NOW);
        Notification decision = partner(id(NotificationKind.REJECTED, 1, 1), List.of(ackId), NotificationStatus.PENDING, NOW);

        assertThat(DeliveryOrder.mayGo(decision, predecessors(List.of(decision), Set.of(), ack), NOW, MAX_WAIT)).isTrue();
    }

    @Test
    void anEarlierEmailThatNeverArrivesHoldsALaterOneBackOnlyUntilTheMaximumWait() {
        Notification decision = partner(id(NotificationKind.APPROVED, 1, 1), List.of(ackId), NotificationStatus.PENDING,
                NOW.minus(MAX_WAIT));

        assertThat(DeliveryOrder.mayGo(decision, predecessors(List.of(decision), Set.of()), NOW, MAX_WAIT)).isTrue();
        Notification ack = partner(ackId, List.of(), NotificationStatus.PENDING, NOW);
        assertThat(DeliveryOrder.mayGo(decision, predecessors(List.of(decision), Set.of(), ack), NOW, MAX_WAIT))
                .as("an earlier email that exists and waits is always waited for").isFalse();
    }

    @Test
    void emailsOfAnotherRequestDoNotCount() {
        Notification decision = partner(id(NotificationKind.APPROVED, 1, 1), List.of(ackId), NotificationStatus.PENDING, NOW);
        Notification otherAck = email(NotificationKind.ACKNOWLEDGEMENT, UUID.randomUUID().toString(), ackId)
                .status(NotificationStatus.SENT).attempts(1).createdAt(NOW).sentAt(NOW).build();

        assertThat(DeliveryOrder.mayGo(decision, predecessors(List.of(decision), Set.of(), otherAck), NOW, MAX_WAIT))
                .isFalse();
    }

    private String id(NotificationKind kind, int revision, int number) {
        return NotificationIds.of(request, kind, revision, number);
    }

    /** What the store would answer: each candidate's own {@code follows}, and these stored predecessors. */
    private static Predecessors predecessors(List<Notification> candidates, Set<String> unknown, Notification... stored) {
        Map<String, List<String>> follows = new HashMap<>();
        candidates.stream().filter(candidate -> candidate.follows() != null)
                .forEach(candidate -> follows.put(candidate.id(), candidate.follows()));
        Map<String, Notification> byId = new HashMap<>();
        for (Notification notification : stored) {
            byId.put(notification.id(), notification);
        }
        return new Predecessors(follows, unknown, byId);
    }

    private Notification partner(String id, List<String> follows, NotificationStatus status, Instant createdAt) {
        NotificationKind kind = NotificationKind.valueOf(id.split("\\|")[1]);
        return email(kind, request, id).follows(follows).status(status).nextAttemptAt(createdAt).createdAt(createdAt)
                .build();
    }

    /** An email about this request, to a partner; each test sets what its order depends on. */
    private static Notification.Builder email(NotificationKind kind, String requestId, String id) {
        return Notification.builder().id(id).sourceEventId(UUID.randomUUID().toString())
                .kind(kind).audience(Audience.PARTNER).requestId(requestId).reference("CDAP-38-2026-00001")
                .cafDepartment("38").siret("73282932000074").from("f@caf38.localhost", "Caf")
                .replyTo("p@caf38.localhost").to("a@b.fr").subject("s").text("t").html("h").messageId("<m@x>");
    }
}
