package fr.caf38.cdap.messaging.outbox;

import fr.caf38.cdap.events.Event;
import fr.caf38.cdap.messaging.codec.EventCodec;
import org.bson.Document;

import java.time.Instant;
import java.util.Date;

/**
 * An event waiting, inside the document of the change that caused it, to be published.
 *
 * @param traceparent the W3C trace context of what caused the event (null when nothing was traced):
 *                    publication is asynchronous, so the trace travels in the document
 */
public record OutboxMessage(String eventId, String topic, String key, String eventType, int schemaVersion,
                            String payload, Instant createdAt, String traceparent) {

    static OutboxMessage of(Event event, EventCodec codec, Instant now, String traceparent) {
        return new OutboxMessage(event.eventId().toString(), event.topic(), event.key(), event.eventType(),
                event.schemaVersion(), codec.encode(event), now, traceparent);
    }

    Document toDocument() {
        Document document = new Document("eventId", eventId)
                .append("topic", topic)
                .append("key", key)
                .append("eventType", eventType)
                .append("schemaVersion", schemaVersion)
                .append("payload", payload)
                .append("createdAt", Date.from(createdAt));
        if (traceparent != null) {
            document.append("traceparent", traceparent);
        }
        return document;
    }

    static OutboxMessage fromDocument(Document document) {
        Date created = document.getDate("createdAt");
        return new OutboxMessage(document.getString("eventId"), document.getString("topic"),
                document.getString("key"), document.getString("eventType"),
                document.getInteger("schemaVersion", 1), document.getString("payload"),
                created == null ? Instant.EPOCH : created.toInstant(), document.getString("traceparent"));
    }
}
