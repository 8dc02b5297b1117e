package fr.caf38.cdap.events;

/** Kafka header names that repeat the envelope's type and version. */
public final class EventHeaders {
    public static final String EVENT_TYPE = "eventType";
    public static final String SCHEMA_VERSION = "schemaVersion";
    public static final String EVENT_ID = "eventId";

    private EventHeaders() {
    }
}
