package fr.caf38.cdap.notification.delivery;

import fr.caf38.cdap.events.value.NotificationKind;
import fr.caf38.cdap.notification.store.Audience;
import fr.caf38.cdap.notification.store.Notification;
import fr.caf38.cdap.notification.store.NotificationStatus;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class DeliveryOrderTest {
    private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
    private static final Duration MAX_WAIT = Duration.ofHours(1);
    private final String request = UUID.randomUUID().toString();

    @Test
    void theAcknowledgementAndTheAgentsNoticeAreNeverHeldBack() {
        Notification ack = partner(NotificationKind.ACKNOWLEDGEMENT, 0, NotificationStatus.PENDING, NOW);
        Notification notice = email(NotificationKind.AGENT_REVIEW_NOTICE, request).audience(Audience.AGENTS)
                .sequence(null).status(NotificationStatus.PENDING).nextAttemptAt(NOW).createdAt(NOW).build();

        assertThat(DeliveryOrder.mayGo(ack, List.of(ack), NOW, MAX_WAIT)).isTrue();
        assertThat(DeliveryOrder.mayGo(notice, List.of(ack), NOW, MAX_WAIT)).isTrue();
    }

    @Test
    void aDecisionWaitsWhileTheAcknowledgementIsPending() {
        Notification ack = partner(NotificationKind.ACKNOWLEDGEMENT, 0, NotificationStatus.PENDING, NOW);
        Notification decision = partner(NotificationKind.APPROVED, 1, NotificationStatus.PENDING, NOW);

        var split = DeliveryOrder.split(List.of(ack, decision), List.of(ack, decision), NOW, MAX_WAIT);

        assertThat(split.ready()).containsExactly(ack);
        assertThat(split.waiting()).containsExactly(decision);
    }

    @Test
    void aDecisionThatArrivedBeforeTheAcknowledgementWaitsForIt() {
        Notification decision = partner(NotificationKind.APPROVED, 1, NotificationStatus.PENDING, NOW.minusSeconds(60));

        assertThat(DeliveryOrder.mayGo(decision, List.of(decision), NOW, MAX_WAIT)).isFalse();
    }

    @Test
    void aDecisionGoesOnceTheAcknowledgementIsSent() {
        Notification ack = partner(NotificationKind.ACKNOWLEDGEMENT, 0, NotificationStatus.SENT, NOW);
        Notification decision = partner(NotificationKind.UNDER_REVIEW, 1, NotificationStatus.PENDING, NOW);

        assertThat(DeliveryOrder.mayGo(decision, List.of(ack, decision), NOW, MAX_WAIT)).isTrue();
    }

    @Test
    void theAgentsDecisionWaitsForTheRulesDecisionEmail() {
        Notification ack = partner(NotificationKind.ACKNOWLEDGEMENT, 0, NotificationStatus.SENT, NOW);
        Notification review = partner(NotificationKind.UNDER_REVIEW, 1, NotificationStatus.PENDING, NOW);
        Notification approval = partner(NotificationKind.APPROVED, 2, NotificationStatus.PENDING, NOW);

        assertThat(DeliveryOrder.mayGo(approval, List.of(ack, review, approval), NOW, MAX_WAIT)).isFalse();
        Notification reviewSent = partner(NotificationKind.UNDER_REVIEW, 1, NotificationStatus.SENT, NOW);
        assertThat(DeliveryOrder.mayGo(approval, List.of(ack, reviewSent, approval), NOW, MAX_WAIT)).isTrue();
    }

    @Test
    void aFailedEarlierEmailDoesNotBlockTheLaterOnes() {
        Notification ack = partner(NotificationKind.ACKNOWLEDGEMENT, 0, NotificationStatus.FAILED, NOW);
        Notification decision = partner(NotificationKind.REJECTED, 1, NotificationStatus.PENDING, NOW);

        assertThat(DeliveryOrder.mayGo(decision, List.of(ack, decision), NOW, MAX_WAIT)).isTrue();
    }

    @Test
    void anEarlierEmailThatNeverArrivesHoldsALaterOneBackOnlyUntilTheMaximumWait() {
        Notification decision = partner(NotificationKind.APPROVED, 1, NotificationStatus.PENDING, NOW.minus(MAX_WAIT));

        assertThat(DeliveryOrder.mayGo(decision, List.of(decision), NOW, MAX_WAIT)).isTrue();
        Notification ack = partner(NotificationKind.ACKNOWLEDGEMENT, 0, NotificationStatus.PENDING, NOW);
        assertThat(DeliveryOrder.mayGo(decision, List.of(ack, decision), NOW, MAX_WAIT))
                .as("an earlier email that exists and waits is always waited for").isFalse();
    }

    @Test
    void emailsOfAnotherRequestDoNotCount() {
        Notification decision = partner(NotificationKind.APPROVED, 1, NotificationStatus.PENDING, NOW);
        Notification otherAck = email(NotificationKind.ACKNOWLEDGEMENT, UUID.randomUUID().toString()).sequence(0)
                .status(NotificationStatus.SENT).attempts(1).createdAt(NOW).sentAt(NOW).build();

        assertThat(DeliveryOrder.mayGo(decision, List.of(otherAck, decision), NOW, MAX_WAIT)).isFalse();
    }

    private Notification partner(NotificationKind kind, int sequence, NotificationStatus status, Instant createdAt) {
        return email(kind, request).sequence(sequence).status(status).nextAttemptAt(createdAt).createdAt(createdAt)
                .build();
    }

    /** An email about this request, to a partner; each test sets what its order depends on. */
    private static Notification.Builder email(NotificationKind kind, String requestId) {
        return Notification.builder().id(UUID.randomUUID().toString()).sourceEventId(UUID.randomUUID().toString())
                .kind(kind).audience(Audience.PARTNER).requestId(requestId).reference("CDAP-38-2026-00001")
                .cafDepartment("38").siret("73282932000074").from("f@caf38.localhost", "Caf")
                .replyTo("p@caf38.localhost").to("a@b.fr").subject("s").text("t").html("h").messageId("<m@x>");
    }
}
