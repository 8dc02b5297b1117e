package fr.caf38.cdap.eligibility;

import fr.caf38.cdap.events.EventHeaders;
import fr.caf38.cdap.events.RequestRevision;
import fr.caf38.cdap.events.Topics;
import fr.caf38.cdap.messaging.codec.EventCodec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Publishes to {@code access-requests.submitted} as intake does (key = SIRET, type headers), or anything raw. */
public final class SubmissionPublisher implements AutoCloseable {
    private final KafkaProducer<String, byte[]> producer;
    private final EventCodec codec = new EventCodec();

    public SubmissionPublisher(String bootstrapServers) {
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.ACKS_CONFIG, "all"));
    }

    public void publish(RequestRevision event) {
        var record = new ProducerRecord<>(Topics.REQUESTS_SUBMITTED, event.key(),
                codec.encode(event).getBytes(StandardCharsets.UTF_8));
        record.headers().add(new RecordHeader(EventHeaders.EVENT_TYPE, event.eventType().getBytes(StandardCharsets.UTF_8)));
        record.headers().add(new RecordHeader(EventHeaders.SCHEMA_VERSION, "1".getBytes(StandardCharsets.UTF_8)));
        record.headers().add(new RecordHeader(EventHeaders.EVENT_ID,
                event.eventId().toString().getBytes(StandardCharsets.UTF_8)));
        send(record);
    }

    public void publishRaw(String key, String value) {
        send(new ProducerRecord<>(Topics.REQUESTS_SUBMITTED, key, value.getBytes(StandardCharsets.UTF_8)));
    }

    private void send(ProducerRecord<String, byte[]> record) {
        try {
            producer.send(record).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not publish the test record", e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
