package fr.caf38.cdap.events;

import fr.caf38.cdap.events.value.DepartmentCode;

import java.time.Instant;
import java.util.UUID;

import static java.util.Objects.requireNonNull;

/** Checks shared by every event's constructor, so a missing field is named in the error. */
final class Envelope {
    private Envelope() {
    }

    static void check(String expectedType, UUID eventId, String eventType, int schemaVersion, Instant occurredAt,
                      UUID requestId, String reference, DepartmentCode cafDepartment) {
        requireNonNull(eventId, "eventId is required");
        requireNonNull(eventType, "eventType is required");
        requireNonNull(occurredAt, "occurredAt is required");
        requireNonNull(requestId, "requestId is required");
        requireNonNull(reference, "reference is required");
        requireNonNull(cafDepartment, "cafDepartment is required");
        if (!expectedType.equals(eventType)) {
            throw new IllegalArgumentException("eventType must be " + expectedType + ", was " + eventType);
        }
        if (schemaVersion < 1) {
            throw new IllegalArgumentException("schemaVersion is required");
        }
    }
}
