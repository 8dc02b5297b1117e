package fr.caf38.cdap.messaging.outbox;

/** An event to publish, the document that holds it, and when this instance got it ({@link System#nanoTime()}). */
record HandedEvent(String collection, Object documentId, OutboxMessage message, long handedAt) {

    String eventId() {
        return message.eventId();
    }
}
