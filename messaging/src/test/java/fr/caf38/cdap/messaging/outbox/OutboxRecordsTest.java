package fr.caf38.cdap.messaging.outbox;

import fr.caf38.cdap.events.EventHeaders;
import fr.caf38.cdap.messaging.tracing.EventTraces;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class OutboxRecordsTest {
    private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @Test
    void aRecordCarriesTheEventsTopicKeyPayloadAndContractHeaders() {
        ProducerRecord<String, byte[]> record = OutboxRecords.of(message(null));

        assertThat(record.topic()).isEqualTo("notifications.sent");
        assertThat(record.key()).isEqualTo("request-1");
        assertThat(new String(record.value(), StandardCharsets.UTF_8)).isEqualTo("{\"é\":1}");
        assertThat(header(record, EventHeaders.EVENT_TYPE)).isEqualTo("NotificationSent");
        assertThat(header(record, EventHeaders.SCHEMA_VERSION)).isEqualTo("2");
        assertThat(header(record, EventHeaders.EVENT_ID)).isEqualTo("event-1");
        assertThat(record.headers().lastHeader(EventTraces.HEADER)).isNull();
    }

    @Test
    void aTracedEventsRecordCarriesItsTraceparent() {
        ProducerRecord<String, byte[]> record = OutboxRecords.of(message(TRACEPARENT));

        assertThat(header(record, EventTraces.HEADER)).isEqualTo(TRACEPARENT);
    }

    private static OutboxMessage message(String traceparent) {
        return new OutboxMessage("event-1", "notifications.sent", "request-1", "NotificationSent", 2,
                "{\"é\":1}", Instant.parse("2026-01-05T10:00:00Z"), traceparent);
    }

    private static String header(ProducerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
