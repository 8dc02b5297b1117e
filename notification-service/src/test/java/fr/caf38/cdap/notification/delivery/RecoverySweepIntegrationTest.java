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
import fr.caf38.cdap.testinfra.MutableClock;
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
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a crash leaves behind is sent by another instance's recovery sweep, through the pending
 * entries: an email whose holder's lease lapsed, and (the start-up scan) a PENDING email stored by
 * an older version without an entry. An email whose holder is alive is left to it, however long it
 * waits in that holder's memory; one whose holder stalled past its lease goes out once, from the
 * instance that took it.
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
    void anEmailWaitingLongerThanItsLeaseInItsHoldersMemoryKeepsItsLeaseSoNoSweepTakesIt(TestInfrastructure infra) {
        Duration lease = properties.sender().lease();
        MutableClock time = new MutableClock(clock.instant().truncatedTo(ChronoUnit.MILLIS));
        NotificationSender busy = instanceAt(time);
        String email = TestEvents.uniqueEmail();
        Holder hold = busy.holder();
        String id = heldInMemory(busy, hold, email).id();

        // Half a lease later the email still waits its turn (a backlog); what runs before each batch:
        time.advance(lease.dividedBy(2));
        busy.keepLeases(time.instant());
        assertThat(pendingEntry(id).getDate("leaseUntil").toInstant()).isEqualTo(time.instant().plus(lease));

        // Past the lease it was first held for, another instance's sweep leaves it to its holder.
        instanceAt(new MutableClock(hold.leaseUntil().plusSeconds(1))).drain();
        assertThat(Mailbox.to(infra.mail(), email)).isEmpty();
        assertThat(pendingEntry(id).getString("owner")).isEqualTo(hold.owner());

        busy.drain();
        await().atMost(TIMEOUT).until(() -> Mailbox.to(infra.mail(), email).size() == 1);
        assertThat(store.find(id).orElseThrow().status()).isEqualTo(NotificationStatus.SENT);
    }

    @Test
    void anEmailTakenByAnotherInstanceOnceItsHolderStalledPastTheLeaseIsLetGoByThatHolderNotSentTwice(
            TestInfrastructure infra) {
        MutableClock time = new MutableClock(clock.instant().truncatedTo(ChronoUnit.MILLIS));
        NotificationSender stalled = instanceAt(time);
        String email = TestEvents.uniqueEmail();
        Notification held = heldInMemory(stalled, stalled.holder(), email);

        time.advance(properties.sender().lease().plusSeconds(1));
        instanceAt(time).drain();
        await().atMost(TIMEOUT).until(() -> Mailbox.to(infra.mail(), email).size() == 1);

        stalled.drain();
        assertThat(stalled.pendingCount()).isZero();
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .until(() -> Mailbox.to(infra.mail(), email).size() == 1);
        assertThat(store.find(held.id()).orElseThrow().attempts()).isEqualTo(1);
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

    /** An acknowledgement stored and held by {@code sender}, waiting in its memory (its worker is not started). */
    private Notification heldInMemory(NotificationSender sender, Holder hold, String email) {
        List<Notification> held = store.insertAndHold(planner.plan(TestEvents.submitted(email)), hold);
        sender.submit(held, hold);
        return held.get(0);
    }

    private Document pendingEntry(String id) {
        return mongo.getCollection(PENDING_ENTRIES).find(new Document("_id", id)).first();
    }

    private NotificationSender otherInstance() {
        return instanceAt(clock);
    }

    /** Another instance, with its own SMTP connection, whose time is {@code time}. */
    private NotificationSender instanceAt(Clock time) {
        JavaMailSenderImpl connection = new JavaMailSenderImpl();
        connection.setHost(mailSender.getHost());
        connection.setPort(mailSender.getPort());
        connection.setDefaultEncoding("UTF-8");
        return new NotificationSender(store, connection, new MailComposer(), properties,
                new DeliveryMetrics(new SimpleMeterRegistry(), time), time);
    }
}
