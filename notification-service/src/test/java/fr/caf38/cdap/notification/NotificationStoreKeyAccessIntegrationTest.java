package fr.caf38.cdap.notification;

import fr.caf38.cdap.events.EligibilityDecided;
import fr.caf38.cdap.events.RequestSubmitted;
import fr.caf38.cdap.events.Topics;
import fr.caf38.cdap.events.value.DecidedBy;
import fr.caf38.cdap.events.value.DecisionStatus;
import fr.caf38.cdap.events.value.NotificationKind;
import fr.caf38.cdap.messaging.outbox.OutboxRelay;
import fr.caf38.cdap.notification.delivery.NotificationSender;
import fr.caf38.cdap.notification.store.Notification;
import fr.caf38.cdap.notification.store.NotificationIds;
import fr.caf38.cdap.notification.store.NotificationStatus;
import fr.caf38.cdap.notification.store.NotificationStore;
import fr.caf38.cdap.notification.support.EventPublisher;
import fr.caf38.cdap.notification.support.Mailbox;
import fr.caf38.cdap.notification.support.TestEvents;
import fr.caf38.cdap.testinfra.TestInfrastructure;
import fr.caf38.cdap.testinfra.TopicProbe;
import fr.caf38.cdap.testinfra.store.KeyAccessRule;
import fr.caf38.cdap.testinfra.store.StoreCommandRecorder;
import fr.caf38.cdap.testinfra.store.StoreCommandRecorder.Command;
import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Every command the service sends to the store while it consumes events, sends the emails,
 * publishes {@code PartnerNotified} and serves an agent's retry names its documents by key: no
 * filter on another field, no sort, no count or aggregate. Let through: the relay's own pending
 * collection, and the recovery sweep's queries on the pending entries of unsent emails (that
 * collection holds what is pending, not what is stored).
 */
@NotificationIntegrationTest
class NotificationStoreKeyAccessIntegrationTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String AGENTS = "agents-cdap@caf38.localhost";
    private static final String SENDER_PENDING = "notification_pending";
    /** The links an amendment's acknowledgement finds its predecessor by. */
    private static final String ORDER_LINKS = "notification_order";

    @Autowired
    StoreCommandRecorder recorder;
    @Autowired
    OutboxRelay relay;
    @Autowired
    NotificationSender sender;
    @Autowired
    NotificationStore store;
    @Autowired
    MockMvc mvc;

    @Test
    void consumingSendingPublishingAndRetryingNameEveryDocumentByKey(TestInfrastructure infra) throws Exception {
        await().atMost(TIMEOUT).until(() -> relay.scannedAtStartUp() && sender.recoveredAtStartUp());
        List<String> partnerEmails = new ArrayList<>();
        List<String> ids = new ArrayList<>();

        try (TopicProbe sent = TopicProbe.on(infra.kafkaBootstrapServers(), Topics.NOTIFICATIONS_SENT)) {
            recorder.start();

            // Approved and rejected: the acknowledgement, then the decision.
            for (DecisionStatus status : List.of(DecisionStatus.APPROVED, DecisionStatus.REJECTED)) {
                RequestSubmitted submitted = submitted(partnerEmails);
                EventPublisher.publish(submitted);
                EventPublisher.publish(TestEvents.decided(submitted, status, 1));
                ids.add(id(submitted, NotificationKind.ACKNOWLEDGEMENT, 0));
                ids.add(id(submitted, NotificationKind.valueOf(status.name()), 1));
            }
            // Under review: the partner's email and the agents' notice; then an agent's approval, redelivered.
            RequestSubmitted reviewed = submitted(partnerEmails);
            EventPublisher.publish(reviewed);
            EventPublisher.publish(TestEvents.decided(reviewed, DecisionStatus.UNDER_REVIEW, 1));
            EligibilityDecided approval = TestEvents.decided(reviewed, DecisionStatus.APPROVED, 2);
            EventPublisher.publish(approval);
            EventPublisher.publish(reviewed);
            EventPublisher.publish(approval);
            ids.add(id(reviewed, NotificationKind.ACKNOWLEDGEMENT, 0));
            ids.add(id(reviewed, NotificationKind.UNDER_REVIEW, 1));
            ids.add(id(reviewed, NotificationKind.AGENT_REVIEW_NOTICE, 1));
            ids.add(id(reviewed, NotificationKind.APPROVED, 2));
            // A decision that arrives before the acknowledgement waits for it.
            RequestSubmitted late = submitted(partnerEmails);
            EventPublisher.publish(TestEvents.decided(late, DecisionStatus.APPROVED, 1));
            String lateDecision = id(late, NotificationKind.APPROVED, 1);
            await().atMost(TIMEOUT).until(() -> store.find(lateDecision).isPresent());
            EventPublisher.publish(late);
            ids.add(id(late, NotificationKind.ACKNOWLEDGEMENT, 0));
            ids.add(lateDecision);
            // Changes requested, then amended (the amendment's acknowledgement first, waiting for its link), then approved.
            RequestSubmitted amended = submitted(partnerEmails);
            EventPublisher.publish(TestEvents.amended(amended, 2));
            String amendedAck = NotificationIds.of(amended.requestId().toString(),
                    NotificationKind.AMENDMENT_ACKNOWLEDGEMENT, 2, 0);
            await().atMost(TIMEOUT).until(() -> store.find(amendedAck).isPresent());
            EventPublisher.publish(amended);
            EventPublisher.publish(TestEvents.decided(amended, DecisionStatus.UNDER_REVIEW, 1, 1, DecidedBy.RULES));
            EventPublisher.publish(TestEvents.decided(amended, DecisionStatus.CHANGES_REQUESTED, 2, 1, DecidedBy.AGENT));
            EventPublisher.publish(TestEvents.decided(amended, DecisionStatus.UNDER_REVIEW, 3, 2, DecidedBy.RULES));
            ids.add(id(amended, NotificationKind.ACKNOWLEDGEMENT, 0));
            ids.add(id(amended, NotificationKind.UNDER_REVIEW, 1));
            ids.add(id(amended, NotificationKind.CHANGES_REQUESTED, 2));
            ids.add(amendedAck);
            ids.add(NotificationIds.of(amended.requestId().toString(), NotificationKind.UNDER_REVIEW, 2, 3));
            ids.add(NotificationIds.of(amended.requestId().toString(), NotificationKind.AGENT_REVIEW_NOTICE, 2, 3));

            await().atMost(TIMEOUT).until(() -> ids.stream().allMatch(id -> statusOf(id) == NotificationStatus.SENT));
            assertThat(partnerEmails.subList(0, 4))
                    .allSatisfy(email -> assertThat(Mailbox.to(infra.mail(), email)).hasSizeBetween(2, 3));
            assertThat(Mailbox.to(infra.mail(), partnerEmails.get(4))).hasSize(5);
            assertThat(Mailbox.to(infra.mail(), AGENTS, amended.reference())).hasSize(2);
            assertThat(Mailbox.subjects(Mailbox.to(infra.mail(), partnerEmails.get(3))).get(0))
                    .startsWith("Accusé de réception");
            assertThat(Mailbox.to(infra.mail(), AGENTS, reviewed.reference())).hasSize(1);
            // One PartnerNotified per partner email: 2 + 2 + 3 + 2 + 5.
            assertThat(sent.await(record -> partnerEmails.stream().anyMatch(record.value()::contains), 14, TIMEOUT))
                    .hasSize(14);

            // The mail server away past the budget: FAILED, then an agent retries it.
            String failedId = failThenRetry(infra);

            await().atMost(TIMEOUT).until(() -> statusOf(failedId) == NotificationStatus.SENT
                    && relay.pending(Notification.COLLECTION) == 0);
            List<Command> commands = recorder.stop();

            assertThat(commands).extracting(Command::collection)
                    .contains(Notification.COLLECTION, SENDER_PENDING, ORDER_LINKS);
            assertThat(commands).extracting(Command::name).contains("insert", "update", "find", "delete");
            KeyAccessRule.assertByKey(withoutSweepQueries(commands), Set.of("outbox_pending"));
        } finally {
            recorder.stop();
            if (!infra.mail().isRunning()) {
                infra.mail().start();
            }
        }
    }

    private String failThenRetry(TestInfrastructure infra) throws Exception {
        String email = TestEvents.uniqueEmail();
        RequestSubmitted submitted = TestEvents.submitted(email);
        String ackId = id(submitted, NotificationKind.ACKNOWLEDGEMENT, 0);
        infra.mail().stop();
        try {
            EventPublisher.publish(submitted);
            await().atMost(TIMEOUT).until(() -> statusOf(ackId) == NotificationStatus.FAILED);
        } finally {
            infra.mail().start();
        }
        mvc.perform(post("/api/v1/notifications/{id}/retry", ackId).with(httpBasic("agent", "agent")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("PENDING"));
        await().atMost(TIMEOUT).until(() -> Mailbox.to(infra.mail(), email).size() == 1);
        return ackId;
    }

    /** The recovery sweep's look-ups of lapsed leases, on its own small collection of pending entries. */
    private static List<Command> withoutSweepQueries(List<Command> commands) {
        return commands.stream().filter(command -> !(SENDER_PENDING.equals(command.collection())
                && isLeaseQuery(command))).toList();
    }

    private static boolean isLeaseQuery(Command command) {
        BsonDocument filter = switch (command.name()) {
            case "find" -> command.body().getDocument("filter", new BsonDocument());
            case "findAndModify", "findandmodify" -> command.body().getDocument("query", new BsonDocument());
            default -> new BsonDocument();
        };
        return filter.containsKey("leaseUntil");
    }

    private NotificationStatus statusOf(String id) {
        return store.find(id).map(Notification::status).orElse(null);
    }

    private static RequestSubmitted submitted(List<String> partnerEmails) {
        String email = TestEvents.uniqueEmail();
        partnerEmails.add(email);
        return TestEvents.submitted(email);
    }

    private static String id(RequestSubmitted submitted, NotificationKind kind, int decisionNumber) {
        return NotificationIds.of(submitted.requestId().toString(), kind, NotificationIds.FIRST_REVISION,
                decisionNumber);
    }
}
