package fr.caf38.cdap.messaging.consumer;

import fr.caf38.cdap.events.PartnerNotified;
import fr.caf38.cdap.events.value.DepartmentCode;
import fr.caf38.cdap.events.value.NotificationKind;
import fr.caf38.cdap.events.value.Siret;
import fr.caf38.cdap.messaging.codec.EventCodec;
import fr.caf38.cdap.testinfra.TestInfrastructure;
import fr.caf38.cdap.testinfra.TopicProbe;
import fr.caf38.cdap.testinfra.WithInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.messaging.Message;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real binding in batch mode, configured as the services configure theirs (only its destination and
 * group: batch mode, native decoding and the error handler come from {@link ConsumerDefaults}): a record that cannot be
 * read goes to the dead-letter topic with the original record and the error, the rest of its batch is
 * handled, and a batch whose handling fails (the store away) is delivered again until it succeeds.
 */
@SpringBootTest(classes = BatchConsumerIntegrationTest.Application.class, properties = {
        "spring.cloud.function.definition=samples",
        "spring.cloud.stream.bindings.samples-in-0.destination=" + BatchConsumerIntegrationTest.TOPIC,
        "spring.cloud.stream.bindings.samples-in-0.group=batch-test",
        "spring.cloud.stream.kafka.bindings.samples-in-0.consumer.start-offset=earliest",
        "spring.mongodb.database=messaging-batch"})
@WithInfrastructure
class BatchConsumerIntegrationTest {
    static final String TOPIC = "batch-samples";
    static final String DEAD_LETTERS = TOPIC + ".batch-test.dlq";

    @Autowired
    Handled handled;

    @Test
    void aBadRecordGoesToTheDeadLettersTheRestIsHandledAndAFailedBatchIsDeliveredAgain(TestInfrastructure infra) {
        EventCodec codec = new EventCodec();
        List<PartnerNotified> events = List.of(event(), event(), event());
        String poison = "poison-" + UUID.randomUUID();
        handled.failures.set(2);
        try (var producer = new KafkaProducer<String, String>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
             TopicProbe deadLetters = TopicProbe.on(infra.kafkaBootstrapServers(), DEAD_LETTERS)) {
            producer.send(new ProducerRecord<>(TOPIC, "k", codec.encode(events.get(0))));
            producer.send(new ProducerRecord<>(TOPIC, "k", poison));
            producer.send(new ProducerRecord<>(TOPIC, "k", codec.encode(events.get(1))));
            producer.send(new ProducerRecord<>(TOPIC, "k", codec.encode(events.get(2))));
            producer.flush();

            await().atMost(Duration.ofSeconds(60)).until(() -> handled.ids.containsAll(
                    events.stream().map(PartnerNotified::eventId).toList()));
            List<ConsumerRecord<String, String>> letters = deadLetters.await(
                    r -> r.value().equals(poison), 1, Duration.ofSeconds(30));
            assertThat(letters).hasSize(1);
            assertThat(header(letters.get(0), "x-original-topic")).isEqualTo(TOPIC);
            assertThat(header(letters.get(0), "x-exception-message")).contains("PartnerNotified");
            assertThat(letters.get(0).key()).isEqualTo("k");
            assertThat(deadLetters.during(r -> r.value().equals(poison), Duration.ofSeconds(1))).hasSize(1);
        }
        assertThat(handled.failures.get()).isLessThanOrEqualTo(0);
        assertThat(handled.ids).hasSize(3);
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static PartnerNotified event() {
        return PartnerNotified.of(UUID.randomUUID(), "CDAP-38-2026-00001", DepartmentCode.of("38"),
                NotificationKind.ACKNOWLEDGEMENT, "accueil@exemple.fr", Instant.parse("2026-03-02T09:15:33Z"),
                Siret.parse("73282932000074"));
    }

    /** What the handler took, failing as many times as asked first (as if the store were away). */
    static final class Handled {
        final Set<UUID> ids = ConcurrentHashMap.newKeySet();
        final AtomicInteger failures = new AtomicInteger();

        List<BatchConsumer.Refused> take(List<BatchConsumer.Received<PartnerNotified>> events) {
            if (failures.getAndDecrement() > 0) {
                throw new IllegalStateException("store away");
            }
            events.forEach(received -> ids.add(received.event().eventId()));
            return List.of();
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class Application {
        @Bean
        Handled handled() {
            return new Handled();
        }

        @Bean
        Consumer<Message<List<byte[]>>> samples(EventCodec codec, DeadLetters deadLetters, Handled handled) {
            return new BatchConsumer<>(PartnerNotified.class, codec, deadLetters, DEAD_LETTERS, handled::take);
        }
    }
}
