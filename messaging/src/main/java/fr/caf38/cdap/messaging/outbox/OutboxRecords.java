package fr.caf38.cdap.messaging.outbox;

import fr.caf38.cdap.messaging.tracing.EventTraces;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;

import java.nio.charset.StandardCharsets;

import static fr.caf38.cdap.events.EventHeaders.EVENT_ID;
import static fr.caf38.cdap.events.EventHeaders.EVENT_TYPE;
import static fr.caf38.cdap.events.EventHeaders.SCHEMA_VERSION;

/**
 * The Kafka record of a stored event: its topic, key and payload, and the contract's headers (event
 * type, schema version, event id), plus {@code traceparent} when what caused the event was traced, so
 * consumers continue that trace.
 */
final class OutboxRecords {
    private OutboxRecords() {
    }

    static ProducerRecord<String, byte[]> of(OutboxMessage message) {
        var record = new ProducerRecord<>(message.topic(), message.key(), utf8(message.payload()));
        Headers headers = record.headers();
        headers.add(new RecordHeader(EVENT_TYPE, utf8(message.eventType())));
        headers.add(new RecordHeader(SCHEMA_VERSION, utf8(Integer.toString(message.schemaVersion()))));
        headers.add(new RecordHeader(EVENT_ID, utf8(message.eventId())));
        if (message.traceparent() != null) {
            headers.add(new RecordHeader(EventTraces.HEADER, utf8(message.traceparent())));
        }
        return record;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
