package fr.caf38.cdap.messaging.outbox;

/**
 * The fields the outbox adds to an aggregate's document. The entity classes do not map them: they
 * are written by {@link Outbox} and the relay only, through targeted updates.
 */
final class OutboxFields {
    /** Events still to publish, oldest first. */
    static final String MESSAGES = "outbox";
    /** True while {@link #MESSAGES} may hold events; indexed with {@link #SINCE} to find work. */
    static final String PENDING = "outboxPending";
    /** When the oldest pending event was stored: the relay publishes oldest first. */
    static final String SINCE = "outboxSince";
    /** Until when a relay holds the document (claim), or when a failed publication may be tried again. */
    static final String LEASE_UNTIL = "outboxLeaseUntil";
    /** The claim token of the relay run that holds the document. */
    static final String CLAIM = "outboxClaim";
    /** Failed publication attempts since the last success. */
    static final String ATTEMPTS = "outboxAttempts";

    private OutboxFields() {
    }
}
