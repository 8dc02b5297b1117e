package fr.caf38.cdap.notification;

import fr.caf38.cdap.events.RequestSubmitted;
import fr.caf38.cdap.events.value.NotificationKind;
import fr.caf38.cdap.notification.store.Notification;
import fr.caf38.cdap.notification.store.NotificationStatus;
import fr.caf38.cdap.notification.store.NotificationStore;
import fr.caf38.cdap.notification.support.EventPublisher;
import fr.caf38.cdap.notification.support.Mailbox;
import fr.caf38.cdap.notification.support.TestEvents;
import fr.caf38.cdap.testinfra.TestInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The mail server goes away: notifications wait (the service stays ready), are retried with
 * back-off, and are delivered exactly once when it is back; past the budget they are FAILED until
 * an agent retries them. The test configuration's budget: 4 attempts, 1 s then 2 s then 4 s apart.
 */
@NotificationIntegrationTest
class SmtpOutageIntegrationTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Autowired
    NotificationStore store;
    @Autowired
    MockMvc mvc;
    @Autowired
    MeterRegistry meters;

    @Test
    void whileSmtpIsDownNotificationsStayPendingThenAreDeliveredExactlyOnce(TestInfrastructure infra) throws Exception {
        String email = TestEvents.uniqueEmail();
        RequestSubmitted submitted = TestEvents.submitted(email);

        infra.mail().stop();
        try {
            EventPublisher.publish(submitted);

            Notification waiting = await().atMost(TIMEOUT).until(() -> acknowledgement(submitted),
                    notification -> notification != null && notification.attempts() >= 2);
            assertThat(waiting.status()).isEqualTo(NotificationStatus.PENDING);
            assertThat(waiting.lastError()).startsWith("Serveur de messagerie injoignable");
            assertThat(waiting.nextAttemptAt()).isAfter(waiting.createdAt());
            mvc.perform(get("/actuator/health/readiness")).andExpect(status().isOk())
                    .andExpect(jsonPath("$.status").value("UP"));
            mvc.perform(get("/actuator/health").with(httpBasic("monitor", "monitor"))).andExpect(jsonPath("$.components.mail.status").value("DOWN"));
            assertThat(meters.get("notifications.pending").gauge().value()).isGreaterThanOrEqualTo(1.0);
            assertThat(meters.get("notifications.oldest.pending.age").gauge().value()).isGreaterThan(0.0);
        } finally {
            infra.mail().start();
        }

        await().atMost(TIMEOUT).until(() -> acknowledgement(submitted).status() == NotificationStatus.SENT);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> Mailbox.to(infra.mail(), email).size() == 1);
        mvc.perform(get("/actuator/health").with(httpBasic("monitor", "monitor"))).andExpect(jsonPath("$.components.mail.status").value("UP"));
    }

    @Test
    void pastTheBudgetANotificationIsFailedAndAnAgentCanRetryIt(TestInfrastructure infra) throws Exception {
        String email = TestEvents.uniqueEmail();
        RequestSubmitted submitted = TestEvents.submitted(email);
        double failedBefore = failedCounter();

        infra.mail().stop();
        try {
            EventPublisher.publish(submitted);
            await().atMost(TIMEOUT).until(() -> acknowledgement(submitted),
                    notification -> notification != null && notification.status() == NotificationStatus.FAILED);
        } finally {
            infra.mail().start();
        }
        Notification failed = acknowledgement(submitted);
        assertThat(failed.attempts()).isEqualTo(4);
        assertThat(failed.lastError()).startsWith("Serveur de messagerie injoignable");
        assertThat(failedCounter()).isGreaterThanOrEqualTo(failedBefore + 1);
        mvc.perform(get("/api/v1/notifications").param("requestId", submitted.requestId().toString())
                        .param("status", "FAILED").with(httpBasic("agent", "agent")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.totalElements").value(1))
                .andExpect(jsonPath("$.content[0].id").value(failed.id()))
                .andExpect(jsonPath("$.content[0].attempts").value(4))
                .andExpect(jsonPath("$.content[0].lastError").value(failed.lastError()));
        // Nothing goes out by itself once FAILED.
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .until(() -> Mailbox.to(infra.mail(), email).isEmpty());

        mvc.perform(post("/api/v1/notifications/{id}/retry", failed.id()).with(httpBasic("agent", "agent")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("PENDING"))
                .andExpect(jsonPath("$.attempts").value(0));

        await().atMost(TIMEOUT).until(() -> acknowledgement(submitted).status() == NotificationStatus.SENT);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                .until(() -> Mailbox.to(infra.mail(), email).size() == 1);
        Notification sent = acknowledgement(submitted);
        assertThat(sent.attempts()).isEqualTo(1);
        assertThat(sent.retriedBy()).isEqualTo("Agent Test");
        assertThat(Mailbox.to(infra.mail(), email).get(0).getMessageID()).isEqualTo(failed.messageId());
        mvc.perform(post("/api/v1/notifications/{id}/retry", failed.id()).with(httpBasic("agent", "agent")))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.currentStatus").value("SENT"));
    }

    private Notification acknowledgement(RequestSubmitted submitted) {
        List<Notification> found = store.search(submitted.requestId().toString(), null,
                NotificationKind.ACKNOWLEDGEMENT, 0, 1).content();
        return found.isEmpty() ? null : found.get(0);
    }

    private double failedCounter() {
        return meters.get("notifications.failed").tag("kind", "ACKNOWLEDGEMENT").counter().count();
    }
}
