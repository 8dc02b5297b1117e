package fr.caf38.cdap.notification;

import fr.caf38.cdap.events.EligibilityDecided;
import fr.caf38.cdap.events.PartnerNotified;
import fr.caf38.cdap.events.RequestSubmitted;
import fr.caf38.cdap.events.Topics;
import fr.caf38.cdap.events.value.DecisionStatus;
import fr.caf38.cdap.events.value.NotificationKind;
import fr.caf38.cdap.messaging.codec.EventCodec;
import fr.caf38.cdap.notification.store.Notification;
import fr.caf38.cdap.notification.store.NotificationStatus;
import fr.caf38.cdap.notification.store.NotificationStore;
import fr.caf38.cdap.notification.support.EventPublisher;
import fr.caf38.cdap.notification.support.Mailbox;
import fr.caf38.cdap.notification.support.TestEvents;
import fr.caf38.cdap.testinfra.TestInfrastructure;
import fr.caf38.cdap.testinfra.TopicProbe;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import static fr.caf38.cdap.notification.support.Mailbox.subjects;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** From events on the real broker to emails in the real mail server, through the store. */
@NotificationIntegrationTest
class EmailDeliveryIntegrationTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String AGENTS = "agents-cdap@caf38.localhost";

    @Autowired
    NotificationStore store;
    @Autowired
    EventCodec codec;

    @Test
    void aSubmittedRequestGetsExactlyOneAcknowledgementWithAStableMessageId(TestInfrastructure infra) throws Exception {
        String email = TestEvents.uniqueEmail();
        RequestSubmitted submitted = TestEvents.submitted(email);

        EventPublisher.publish(submitted);

        await().atMost(TIMEOUT).until(() -> Mailbox.to(infra.mail(), email).size() == 1);
        MimeMessage message = Mailbox.to(infra.mail(), email).get(0);
        assertThat(message.getSubject()).isEqualTo(
                "Accusé de réception de votre demande d'accès à Mon Compte Partenaire – " + submitted.reference());
        assertThat(message.getContentType()).startsWith("multipart/alternative");
        assertThat(Mailbox.text(message)).contains(submitted.reference(), "T1 – Action sociale",
                "https://partenaires.test/suivi/" + submitted.requestId() + "?token=");
        Notification stored = await().atMost(TIMEOUT).until(() -> only(submitted, NotificationKind.ACKNOWLEDGEMENT),
                notification -> notification.status() == NotificationStatus.SENT);
        assertThat(stored.attempts()).isEqualTo(1);
        assertThat(stored.sentAt()).isNotNull();
        assertThat(stored.to()).isEqualTo(email);
        assertThat(message.getMessageID()).isEqualTo(stored.messageId());
    }

    @ParameterizedTest
    @EnumSource(value = DecisionStatus.class, names = {"APPROVED", "REJECTED", "REDIRECTED_TO_CAFPRO"})
    void aFinalDecisionGivesThePartnerTheAcknowledgementThenTheDecisionEmail(DecisionStatus status,
                                                                            TestInfrastructure infra) {
        String email = TestEvents.uniqueEmail();
        RequestSubmitted submitted = TestEvents.submitted(email);

        EventPublisher.publish(submitted);
        EventPublisher.publish(TestEvents.decided(submitted, status, 1));

        await().atMost(TIMEOUT).until(() -> Mailbox.to(infra.mail(), email).size() >= 2);
        String reference = submitted.reference();
        String expected = switch (status) {
            case APPROVED -> "Votre demande " + reference + " est acceptée : prochaines étapes";
            case REJECTED -> "Votre demande " + reference + " n'est pas acceptée";
            case REDIRECTED_TO_CAFPRO -> "Votre demande " + reference + " relève de Cafpro";
            case UNDER_REVIEW, CHANGES_REQUESTED -> throw new IllegalArgumentException();
        };
        assertThat(subjects(Mailbox.to(infra.mail(), email))).containsExactly(
                "Accusé de réception de votre demande d'accès à Mon Compte Partenaire – " + reference, expected);
        assertThat(Mailbox.to(infra.mail(), AGENTS, reference)).isEmpty();
        assertThat(notificationsOf(submitted)).extracting(Notification::kind)
                .containsExactlyInAnyOrder(NotificationKind.ACKNOWLEDGEMENT, NotificationKind.valueOf(status.name()));
    }

    @Test
    void underReviewTellsThePartnerAndTheAgentsAndPublishesPartnerNotifiedForPartnerEmailsOnly(TestInfrastructure infra) {
        String email = TestEvents.uniqueEmail();
        RequestSubmitted submitted = TestEvents.submitted(email);
        String reference = submitted.reference();

        try (TopicProbe sent = TopicProbe.on(infra.kafkaBootstrapServers(), Topics.NOTIFICATIONS_SENT)) {
            EventPublisher.publish(submitted);
            EventPublisher.publish(TestEvents.decided(submitted, DecisionStatus.UNDER_REVIEW, 1));
            await().atMost(TIMEOUT).until(() -> Mailbox.to(infra.mail(), email).size() == 2
                    && Mailbox.to(infra.mail(), AGENTS, reference).size() == 1);
            EventPublisher.publish(TestEvents.decided(submitted, DecisionStatus.APPROVED, 2));
            await().atMost(TIMEOUT).until(() -> Mailbox.to(infra.mail(), email).size() == 3);

            assertThat(subjects(Mailbox.to(infra.mail(), email))).containsExactly(
                    "Accusé de réception de votre demande d'accès à Mon Compte Partenaire – " + reference,
                    "Votre demande " + reference + " est en cours d'examen par la Caf",
                    "Votre demande " + reference + " est acceptée : prochaines étapes");
            MimeMessage notice = Mailbox.to(infra.mail(), AGENTS, reference).get(0);
            assertThat(Mailbox.subject(notice)).isEqualTo("Demande à examiner : " + reference + " – CCAS de Exempleville");
            assertThat(Mailbox.text(notice)).contains("https://agents.test/demandes/" + submitted.requestId());

            List<ConsumerRecord<String, String>> records = sent.await(
                    record -> record.value().contains(submitted.requestId().toString()), 3, TIMEOUT);
            records = sent.during(record -> record.value().contains(submitted.requestId().toString()),
                    Duration.ofSeconds(1));
            List<PartnerNotified> events = records.stream()
                    .map(record -> codec.decode(record.value(), PartnerNotified.class)).toList();
            assertThat(events).extracting(PartnerNotified::kind).containsExactlyInAnyOrder(
                    NotificationKind.ACKNOWLEDGEMENT, NotificationKind.UNDER_REVIEW, NotificationKind.APPROVED);
            assertThat(events).allSatisfy(event -> {
                assertThat(event.to()).isEqualTo(email);
                assertThat(event.reference()).isEqualTo(reference);
                assertThat(event.siret()).isEqualTo(submitted.request().organisation().siret());
            });
            assertThat(records).allSatisfy(record ->
                    assertThat(record.key()).isEqualTo(submitted.request().organisation().siret().value()));
        }
    }

    @Test
    void aRedeliveredEventStillGivesOneEmail(TestInfrastructure infra) {
        String email = TestEvents.uniqueEmail();
        RequestSubmitted submitted = TestEvents.submitted(email);
        EligibilityDecided decided = TestEvents.decided(submitted, DecisionStatus.UNDER_REVIEW, 1);

        EventPublisher.publish(submitted);
        EventPublisher.publish(decided);
        EventPublisher.publish(submitted);
        EventPublisher.publish(decided);

        await().atMost(TIMEOUT).until(() -> Mailbox.to(infra.mail(), email).size() >= 2
                && !Mailbox.to(infra.mail(), AGENTS, submitted.reference()).isEmpty());
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> Mailbox.to(infra.mail(), email).size() == 2
                        && Mailbox.to(infra.mail(), AGENTS, submitted.reference()).size() == 1);
        assertThat(notificationsOf(submitted)).hasSize(3);
    }

    @Test
    void aDecisionThatArrivesBeforeTheAcknowledgementWaitsForIt(TestInfrastructure infra) {
        String email = TestEvents.uniqueEmail();
        RequestSubmitted submitted = TestEvents.submitted(email);

        EventPublisher.publish(TestEvents.decided(submitted, DecisionStatus.APPROVED, 1));
        await().atMost(TIMEOUT).until(() -> notificationsOf(submitted).size() == 1);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .until(() -> Mailbox.to(infra.mail(), email).isEmpty());
        assertThat(only(submitted, NotificationKind.APPROVED).status()).isEqualTo(NotificationStatus.PENDING);

        EventPublisher.publish(submitted);

        await().atMost(TIMEOUT).until(() -> Mailbox.to(infra.mail(), email).size() == 2);
        assertThat(subjects(Mailbox.to(infra.mail(), email))).containsExactly(
                "Accusé de réception de votre demande d'accès à Mon Compte Partenaire – " + submitted.reference(),
                "Votre demande " + submitted.reference() + " est acceptée : prochaines étapes");
        await().atMost(TIMEOUT).until(() -> notificationsOf(submitted).stream()
                .allMatch(notification -> notification.status() == NotificationStatus.SENT));
        List<Notification> bySentAt = notificationsOf(submitted).stream()
                .sorted(Comparator.comparing(Notification::sentAt)).toList();
        assertThat(bySentAt).extracting(Notification::kind)
                .containsExactly(NotificationKind.ACKNOWLEDGEMENT, NotificationKind.APPROVED);
    }

    @Test
    void poisonRecordsGoToTheDeadLetterTopicsAndTheNextRecordsAreStillHandled(TestInfrastructure infra) {
        String email = TestEvents.uniqueEmail();
        RequestSubmitted submitted = TestEvents.submitted(email);
        String siret = submitted.request().organisation().siret().value();
        String notJson = "pas du JSON " + UUID.randomUUID();
        String notAnEvent = "{\"eventType\":\"EligibilityDecided\",\"marker\":\"" + UUID.randomUUID() + "\"}";

        try (TopicProbe submittedDlq = TopicProbe.on(infra.kafkaBootstrapServers(),
                Topics.deadLetter(Topics.REQUESTS_SUBMITTED, "notification"));
             TopicProbe decidedDlq = TopicProbe.on(infra.kafkaBootstrapServers(),
                     Topics.deadLetter(Topics.REQUESTS_DECIDED, "notification"))) {
            EventPublisher.publishRaw(Topics.REQUESTS_SUBMITTED, siret, notJson);
            EventPublisher.publishRaw(Topics.REQUESTS_DECIDED, siret, notAnEvent);
            EventPublisher.publish(submitted);
            EventPublisher.publish(TestEvents.decided(submitted, DecisionStatus.REJECTED, 1));

            assertThat(submittedDlq.await(record -> notJson.equals(record.value()), 1, TIMEOUT)).hasSize(1);
            assertThat(decidedDlq.await(record -> notAnEvent.equals(record.value()), 1, TIMEOUT)).hasSize(1);
            assertThat(submittedDlq.await(record -> notJson.equals(record.value()), 1, TIMEOUT).get(0).key())
                    .isEqualTo(siret);
        }
        await().atMost(TIMEOUT).until(() -> Mailbox.to(infra.mail(), email).size() == 2);
    }

    private List<Notification> notificationsOf(RequestSubmitted submitted) {
        return store.search(submitted.requestId().toString(), null, null, 0, 50).content();
    }

    private Notification only(RequestSubmitted submitted, NotificationKind kind) {
        List<Notification> found = store.search(submitted.requestId().toString(), null, kind, 0, 50).content();
        assertThat(found).hasSize(1);
        return found.get(0);
    }
}
