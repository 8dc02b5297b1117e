package fr.caf38.cdap.notification.inbound;

import fr.caf38.cdap.events.EligibilityDecided;
import fr.caf38.cdap.events.Event;
import fr.caf38.cdap.events.RequestSubmitted;
import fr.caf38.cdap.events.Topics;
import fr.caf38.cdap.events.value.DecisionStatus;
import fr.caf38.cdap.events.value.DepartmentCode;
import fr.caf38.cdap.messaging.codec.EventCodec;
import fr.caf38.cdap.notification.NotificationIntegrationTest;
import fr.caf38.cdap.notification.store.Notification;
import fr.caf38.cdap.notification.store.NotificationStatus;
import fr.caf38.cdap.notification.store.NotificationStore;
import fr.caf38.cdap.notification.support.Mailbox;
import fr.caf38.cdap.notification.support.TestEvents;
import fr.caf38.cdap.testinfra.TestInfrastructure;
import fr.caf38.cdap.testinfra.TopicProbe;
import fr.caf38.cdap.testinfra.store.StoreCommandRecorder;
import fr.caf38.cdap.testinfra.store.StoreCommandRecorder.Command;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import fr.caf38.cdap.testinfra.BinderBatches;
import org.springframework.messaging.support.MessageBuilder;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The consumers take a whole batch at once: the same records handled as one batch or one by one
 * give the same notifications and the same emails in the contract's order, and a record the
 * planner refuses goes to the dead-letter topic alone while the rest of its batch is handled. The
 * records are handed to the consumers' beans directly, as the binder hands a polled batch, so that
 * they are certainly one batch.
 */
@NotificationIntegrationTest
class BatchIntakeIntegrationTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String AGENTS = "agents-cdap@caf38.localhost";

    @Autowired
    @Qualifier("submitted")
    Consumer<Message<List<byte[]>>> submittedConsumer;
    @Autowired
    @Qualifier("decided")
    Consumer<Message<List<byte[]>>> decidedConsumer;
    @Autowired
    NotificationStore store;
    @Autowired
    EventCodec codec;
    @Autowired
    StoreCommandRecorder recorder;

    /** Two requests' events, decisions first, with a redelivery and a decision of a Caf not served here. */
    private record Scenario(RequestSubmitted first, RequestSubmitted second, EligibilityDecided foreign,
                            List<EligibilityDecided> decisions, List<RequestSubmitted> submissions) {
        static Scenario create() {
            RequestSubmitted first = TestEvents.submitted(TestEvents.uniqueEmail());
            RequestSubmitted second = TestEvents.submitted(TestEvents.uniqueEmail());
            RequestSubmitted elsewhere = RequestSubmitted.of(UUID.randomUUID(), "CDAP-74-2026-00001",
                    DepartmentCode.of("74"), Instant.now(), TestEvents.submitted(TestEvents.uniqueEmail()).request());
            EligibilityDecided underReview = TestEvents.decided(first, DecisionStatus.UNDER_REVIEW, 1);
            EligibilityDecided foreign = TestEvents.decided(elsewhere, DecisionStatus.APPROVED, 1);
            return new Scenario(first, second, foreign,
                    List.of(underReview, TestEvents.decided(first, DecisionStatus.APPROVED, 2), underReview, foreign,
                            TestEvents.decided(second, DecisionStatus.REJECTED, 1)),
                    List.of(first, second, first));
        }
    }

    /** What a request ended with: its notifications (kind, status, attempts) and the partner's emails in order. */
    private record WhatWasSent(List<String> notifications, List<String> partnerSubjects, int agentNotices) {
    }

    @Test
    void aBatchGivesWhatItsRecordsGiveOneByOneAndSendsARefusedRecordAloneToTheDeadLetterTopic(TestInfrastructure infra) {
        Scenario batched = Scenario.create();
        Scenario oneByOne = Scenario.create();

        try (TopicProbe dlq = TopicProbe.on(infra.kafkaBootstrapServers(),
                Topics.deadLetter(Topics.REQUESTS_DECIDED, "notification"))) {
            recorder.start();
            decidedConsumer.accept(batch(Topics.REQUESTS_DECIDED, batched.decisions()));
            submittedConsumer.accept(batch(Topics.REQUESTS_SUBMITTED, batched.submissions()));
            List<Command> intakeCommands = ownCommands(recorder.stop());

            oneByOne.decisions().forEach(event -> decidedConsumer.accept(batch(Topics.REQUESTS_DECIDED, List.of(event))));
            oneByOne.submissions().forEach(event -> submittedConsumer.accept(batch(Topics.REQUESTS_SUBMITTED, List.of(event))));

            // One insert of notifications and one of pending entries per batch, whatever its size.
            assertThat(intakeCommands).extracting(command -> command.collection() + " " + command.name())
                    .containsExactly("notifications insert", "notification_pending insert",
                            "notifications insert", "notification_pending insert");

            for (Scenario scenario : List.of(batched, oneByOne)) {
                String foreign = codec.encode(scenario.foreign());
                List<ConsumerRecord<String, String>> letters = dlq.await(record -> foreign.equals(record.value()), 1, TIMEOUT);
                assertThat(letters).hasSize(1);
                assertThat(header(letters.get(0), "x-original-topic")).isEqualTo(Topics.REQUESTS_DECIDED);
                assertThat(header(letters.get(0), "x-exception-message")).contains("cdap.cafs.74");
                assertThat(letters.get(0).key()).isEqualTo(scenario.foreign().siret().value());
            }
        }

        WhatWasSent first = awaitWhatWasSent(batched.first(), infra, 3);
        WhatWasSent second = awaitWhatWasSent(batched.second(), infra, 2);
        assertThat(first.partnerSubjects()).containsExactly(
                "Accusé de réception de votre demande d'accès à Mon Compte Partenaire – <ref>",
                "Votre demande <ref> est en cours d'examen par la Caf",
                "Votre demande <ref> est acceptée : prochaines étapes");
        assertThat(first.notifications()).containsExactly("ACKNOWLEDGEMENT SENT 1", "AGENT_REVIEW_NOTICE SENT 1",
                "APPROVED SENT 1", "UNDER_REVIEW SENT 1");
        assertThat(first.agentNotices()).isEqualTo(1);
        assertThat(second.notifications()).containsExactly("ACKNOWLEDGEMENT SENT 1", "REJECTED SENT 1");
        assertThat(awaitWhatWasSent(oneByOne.first(), infra, 3)).isEqualTo(first);
        assertThat(awaitWhatWasSent(oneByOne.second(), infra, 2)).isEqualTo(second);
        // Nothing more arrives later: the duplicates in the batch gave no second email.
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() ->
                outcome(batched.first(), infra).equals(first) && outcome(oneByOne.first(), infra).equals(first));
    }

    private WhatWasSent awaitWhatWasSent(RequestSubmitted submitted, TestInfrastructure infra, int partnerEmails) {
        String email = submitted.request().organisation().email();
        await().atMost(TIMEOUT).until(() -> Mailbox.to(infra.mail(), email).size() >= partnerEmails
                && store.search(submitted.requestId().toString(), null, null, 0, 50).content().stream()
                .allMatch(notification -> notification.status() == NotificationStatus.SENT));
        return outcome(submitted, infra);
    }

    private WhatWasSent outcome(RequestSubmitted submitted, TestInfrastructure infra) {
        String reference = submitted.reference();
        List<String> notifications = store.search(submitted.requestId().toString(), null, null, 0, 50).content()
                .stream().sorted(Comparator.comparing(notification -> notification.kind().name()))
                .map(notification -> notification.kind() + " " + notification.status() + " " + notification.attempts())
                .toList();
        List<String> subjects = Mailbox.subjects(Mailbox.to(infra.mail(), submitted.request().organisation().email()))
                .stream().map(subject -> subject.replace(reference, "<ref>")).toList();
        return new WhatWasSent(notifications, subjects, Mailbox.to(infra.mail(), AGENTS, reference).size());
    }

    /** The store commands sent by this thread: the consumers' own, not the sender's or the relay's. */
    private static List<Command> ownCommands(List<Command> commands) {
        String thread = Thread.currentThread().getName();
        return commands.stream().filter(command -> thread.equals(command.thread())).toList();
    }

    /** A polled batch as the binder hands it in batch mode: payloads, and per-record headers in lists. */
    private Message<List<byte[]>> batch(String topic, List<? extends Event> events) {
        return BinderBatches.of(events.stream().map(event -> BinderBatches.Record.of(topic, event.key(),
                codec.encode(event), Map.of("eventType", event.eventType()))).toList());
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
