package fr.caf38.cdap.notification.delivery;

import fr.caf38.cdap.notification.NotificationIntegrationTest;
import fr.caf38.cdap.notification.NotificationProperties;
import fr.caf38.cdap.notification.inbound.NotificationPlanner;
import fr.caf38.cdap.notification.store.Notification;
import fr.caf38.cdap.notification.store.NotificationStatus;
import fr.caf38.cdap.notification.store.NotificationStore;
import fr.caf38.cdap.notification.store.NotificationStore.Holder;
import fr.caf38.cdap.notification.support.Mailbox;
import fr.caf38.cdap.notification.support.TestEvents;
import fr.caf38.cdap.testinfra.TestInfrastructure;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a crash leaves behind is sent by another instance's recovery sweep, through the pending
 * entries: an email whose holder's lease lapsed, and (the start-up scan) a PENDING email stored by
 * an older version without an entry. An email whose holder is alive is left to it.
 */
@NotificationIntegrationTest
class RecoverySweepIntegrationTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String PENDING_ENTRIES = "notification_pending";

    @Autowired
    NotificationStore store;
    @Autowired
    NotificationPlanner planner;
    @Autowired
    NotificationProperties properties;
    @Autowired
    JavaMailSenderImpl mailSender;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    Clock clock;

    @Test
    void anEmailHeldByALiveInstanceIsLeftToItAndSentByAnotherOnceItsLeaseLapses(TestInfrastructure infra) {
        String email = TestEvents.uniqueEmail();
        Instant now = clock.instant();
        Holder alive = new Holder("an-instance-that-will-crash", now, now.plus(Duration.ofMinutes(10)));
        List<Notification> held = store.insertAndHold(planner.plan(TestEvents.submitted(email)), alive);
        assertThat(held).hasSize(1);
        String id = held.get(0).id();

        otherInstance().drain();
        assertThat(Mailbox.to(infra.mail(), email)).isEmpty();
        assertThat(pendingEntry(id).getString("owner")).isEqualTo(alive.owner());

        store.renew(Map.of(id, now.minusSeconds(1)));
        otherInstance().drain();

        await().atMost(TIMEOUT).until(() -> Mailbox.to(infra.mail(), email).size() == 1);
        assertThat(store.find(id).orElseThrow().status()).isEqualTo(NotificationStatus.SENT);
        assertThat(pendingEntry(id)).isNull();
    }

    @Test
    void aPendingEmailOfAnOlderVersionWithoutAnEntryIsFoundAtStartUpAndSentOnce(TestInfrastructure infra) {
        String email = TestEvents.uniqueEmail();
        Notification legacy = planner.plan(TestEvents.submitted(email)).get(0);
        mongo.insert(legacy);
        assertThat(pendingEntry(legacy.id())).isNull();

        otherInstance().drain();

        await().atMost(TIMEOUT).until(() -> Mailbox.to(infra.mail(), email).size() == 1);
        assertThat(store.find(legacy.id()).orElseThrow().status()).isEqualTo(NotificationStatus.SENT);
        assertThat(pendingEntry(legacy.id())).isNull();
        otherInstance().drain();
        assertThat(Mailbox.to(infra.mail(), email)).hasSize(1);
    }

    private Document pendingEntry(String id) {
        return mongo.getCollection(PENDING_ENTRIES).find(new Document("_id", id)).first();
    }

    private NotificationSender otherInstance() {
        JavaMailSenderImpl connection = new JavaMailSenderImpl();
        connection.setHost(mailSender.getHost());
        connection.setPort(mailSender.getPort());
        connection.setDefaultEncoding("UTF-8");
        return new NotificationSender(store, connection, new MailComposer(), properties,
                new DeliveryMetrics(new SimpleMeterRegistry(), clock), clock);
    }
}
