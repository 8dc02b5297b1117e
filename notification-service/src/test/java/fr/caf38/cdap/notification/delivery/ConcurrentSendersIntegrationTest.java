package fr.caf38.cdap.notification.delivery;

import fr.caf38.cdap.notification.NotificationIntegrationTest;
import fr.caf38.cdap.notification.NotificationProperties;
import fr.caf38.cdap.notification.inbound.NotificationPlanner;
import fr.caf38.cdap.notification.store.Notification;
import fr.caf38.cdap.notification.store.NotificationStatus;
import fr.caf38.cdap.notification.store.NotificationStore;
import fr.caf38.cdap.notification.support.Mailbox;
import fr.caf38.cdap.notification.support.TestEvents;
import fr.caf38.cdap.testinfra.TestInfrastructure;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Several senders on one store — the service's own and two more standing for other instances, each
 * with its own SMTP connection — share the work: every email goes out exactly once.
 */
@NotificationIntegrationTest
class ConcurrentSendersIntegrationTest {
    private static final int EMAILS = 60;

    @Autowired
    NotificationStore store;
    @Autowired
    NotificationPlanner planner;
    @Autowired
    NotificationProperties properties;
    @Autowired
    JavaMailSenderImpl mailSender;
    @Autowired
    Clock clock;

    @Test
    void twoInstancesNeverSendTheSameNotification(TestInfrastructure infra) throws Exception {
        List<NotificationSender> others = List.of(otherInstance(), otherInstance());
        List<String> addresses = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < EMAILS; i++) {
            String email = TestEvents.uniqueEmail();
            addresses.add(email);
            for (Notification notification : planner.plan(TestEvents.submitted(email))) {
                assertThat(store.insert(notification)).isTrue();
                ids.add(notification.id());
            }
        }

        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Integer>> runs = others.stream().map(sender -> CompletableFuture.supplyAsync(() -> {
            awaitQuietly(start);
            return sender.drain();
        })).toList();
        start.countDown();
        int handledByOthers = runs.stream().mapToInt(CompletableFuture::join).sum();

        await().atMost(Duration.ofSeconds(30)).until(() -> addresses.stream()
                .allMatch(address -> Mailbox.to(infra.mail(), address).size() == 1));
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> addresses.stream()
                .allMatch(address -> Mailbox.to(infra.mail(), address).size() == 1));
        assertThat(handledByOthers).isPositive().isLessThanOrEqualTo(EMAILS);
        await().atMost(Duration.ofSeconds(10)).until(() -> ids.stream()
                .allMatch(id -> store.find(id).orElseThrow().status() == NotificationStatus.SENT));
        assertThat(ids).allSatisfy(id -> assertThat(store.find(id).orElseThrow().attempts()).isEqualTo(1));
    }

    private NotificationSender otherInstance() {
        JavaMailSenderImpl connection = new JavaMailSenderImpl();
        connection.setHost(mailSender.getHost());
        connection.setPort(mailSender.getPort());
        connection.setDefaultEncoding("UTF-8");
        return new NotificationSender(store, connection, new MailComposer(), properties,
                new DeliveryMetrics(new SimpleMeterRegistry(), clock), clock);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

}
