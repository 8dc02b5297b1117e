package fr.caf38.cdap.intake.submission;

import fr.caf38.cdap.events.Topics;
import fr.caf38.cdap.intake.Api;
import fr.caf38.cdap.intake.Sirets;
import fr.caf38.cdap.intake.request.AccessRequest;
import fr.caf38.cdap.messaging.outbox.OutboxRelay;
import fr.caf38.cdap.testinfra.EmbeddedKafka;
import fr.caf38.cdap.testinfra.FreePorts;
import fr.caf38.cdap.testinfra.TopicProbe;
import fr.caf38.cdap.testinfra.WithInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static fr.caf38.cdap.intake.Api.submit;
import static fr.caf38.cdap.intake.Api.validBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Kafka unreachable when a partner submits: the request is still stored and accepted, intake stays
 * ready, and the event is published once a broker answers. Its own context (the relay points at a
 * port where no broker listens yet), with its own database and consumer groups so that it shares
 * nothing with the module's main test context.
 */
@SpringBootTest(properties = {
        "spring.mongodb.database=intake-outage",
        "spring.cloud.stream.bindings.decisions-in-0.group=intake-outage",
        "spring.cloud.stream.bindings.notifications-in-0.group=intake-outage",
        "spring.cloud.stream.kafka.bindings.decisions-in-0.consumer.dlq-name=access-requests.decided.intake-outage.dlq",
        "spring.cloud.stream.kafka.bindings.notifications-in-0.consumer.dlq-name=notifications.sent.intake-outage.dlq",
        "cdap.outbox.retry-delay=300ms",
        "cdap.outbox.send-timeout=3s"})
@AutoConfigureMockMvc
@WithInfrastructure
@DirtiesContext
class BrokerOutageIntegrationTest {
    private static final int BROKER_PORT = FreePorts.next();

    @Autowired
    MockMvc mvc;
    @Autowired
    OutboxRelay relay;

    @DynamicPropertySource
    static void brokerNotYetThere(DynamicPropertyRegistry registry) {
        registry.add("cdap.outbox.brokers", () -> "127.0.0.1:" + BROKER_PORT);
    }

    @Test
    void aRequestSubmittedWhileKafkaIsUnreachableIsAcceptedAndPublishedOnceKafkaIsBack() throws Exception {
        String siret = Sirets.random();
        long start = System.nanoTime();
        Map<String, Object> answer = Api.read(mvc.perform(submit(validBody(siret)))
                .andExpect(status().isAccepted()).andReturn().getResponse().getContentAsString());
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));

        await().atMost(Duration.ofSeconds(30)).until(() -> relay.lastError() != null);
        assertThat(relay.pending(AccessRequest.COLLECTION)).isEqualTo(1);
        mvc.perform(get("/actuator/health/readiness")).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("UP"));
        mvc.perform(get("/actuator/health").with(httpBasic("monitor", "monitor")))
                .andExpect(jsonPath("$.components.outbox.status").value("UP"))
                .andExpect(jsonPath("$.components.outbox.details.requests.pending").value(1))
                .andExpect(jsonPath("$.components.outbox.details.lastError").isString());

        try (EmbeddedKafka broker = EmbeddedKafka.start(BROKER_PORT);
             TopicProbe probe = TopicProbe.on(broker.bootstrapServers(), Topics.REQUESTS_SUBMITTED)) {
            List<ConsumerRecord<String, String>> published = probe.await(
                    record -> record.value().contains((String) answer.get("requestId")), 1, Duration.ofSeconds(60));
            assertThat(published).hasSize(1);
            assertThat(published.get(0).key()).isEqualTo(siret);
            await().atMost(Duration.ofSeconds(15)).until(() -> relay.pending(AccessRequest.COLLECTION) == 0);
        }
    }
}
