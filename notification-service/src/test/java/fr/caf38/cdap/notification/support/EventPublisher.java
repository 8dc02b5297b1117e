package fr.caf38.cdap.notification.support;

import fr.caf38.cdap.events.Event;
import fr.caf38.cdap.events.EventHeaders;
import fr.caf38.cdap.messaging.codec.EventCodec;
import fr.caf38.cdap.testinfra.TestInfrastructure;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Publishes records as the other services do (key = SIRET, type and version headers), synchronously. */
public final class EventPublisher {
    private static KafkaProducer<String, byte[]> producer;
    private static final EventCodec CODEC = new EventCodec();

    private EventPublisher() {
    }

    public static void publish(Event event) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(event.topic(), event.key(),
                CODEC.encode(event).getBytes(StandardCharsets.UTF_8));
        record.headers().add(EventHeaders.EVENT_TYPE, event.eventType().getBytes(StandardCharsets.UTF_8));
        record.headers().add(EventHeaders.SCHEMA_VERSION,
                Integer.toString(event.schemaVersion()).getBytes(StandardCharsets.UTF_8));
        record.headers().add(EventHeaders.EVENT_ID, event.eventId().toString().getBytes(StandardCharsets.UTF_8));
        send(record);
    }

    public static void publishRaw(String topic, String key, String value) {
        send(new ProducerRecord<>(topic, key, value.getBytes(StandardCharsets.UTF_8)));
    }

    private static void send(ProducerRecord<String, byte[]> record) {
        try {
            producer().send(record).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not publish to " + record.topic(), e);
        }
    }

    private static synchronized KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrapServers(),
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                    ProducerConfig.ACKS_CONFIG, "all"));
        }
        return producer;
    }
}
