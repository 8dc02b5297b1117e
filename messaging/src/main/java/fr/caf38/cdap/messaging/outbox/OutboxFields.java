package fr.caf38.cdap.messaging.outbox;

/**
 * The fields the outbox adds to an aggregate's document. The entity classes do not map them: they
 * are written by {@link Outbox} and removed by the relay only, through targeted updates by _id.
 */
final class OutboxFields {
    /** Events still to publish, oldest first; each is removed by its eventId once Kafka acknowledged it. */
    static final String MESSAGES = "outbox";

    private OutboxFields() {
    }
}
