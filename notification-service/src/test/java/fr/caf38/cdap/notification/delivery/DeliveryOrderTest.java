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
        Notification notice = new Notification(UUID.randomUUID().toString(), "e", NotificationKind.AGENT_REVIEW_NOTICE,
                Audience.AGENTS, request, "R", "38", "73282932000074", null, null, null, "a@b.fr", "s", "t", "h", "<m>",
                null, NotificationStatus.PENDING, 0, null, NOW, NOW, null, null, null, null);

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
        Notification otherAck = new Notification(UUID.randomUUID().toString(), "e", NotificationKind.ACKNOWLEDGEMENT,
                Audience.PARTNER, UUID.randomUUID().toString(), "R", "38", "73282932000074", null, null, null, "a@b.fr",
                "s", "t", "h", "<m>", 0, NotificationStatus.SENT, 1, null, null, NOW, NOW, null, null, null);

        assertThat(DeliveryOrder.mayGo(decision, List.of(otherAck, decision), NOW, MAX_WAIT)).isFalse();
    }

    private Notification partner(NotificationKind kind, int sequence, NotificationStatus status, Instant createdAt) {
        return new Notification(UUID.randomUUID().toString(), UUID.randomUUID().toString(), kind, Audience.PARTNER,
                request, "CDAP-38-2026-00001", "38", "73282932000074", "f@caf38.localhost", "Caf", "p@caf38.localhost",
                "a@b.fr", "s", "t", "h", "<m@x>", sequence, status, 0, null, createdAt, createdAt, null, null, null, null);
    }
}
