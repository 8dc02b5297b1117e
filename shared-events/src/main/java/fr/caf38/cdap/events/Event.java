package fr.caf38.cdap.events;

import fr.caf38.cdap.events.value.DepartmentCode;

import java.time.Instant;
import java.util.UUID;

/**
 * The envelope every event carries. {@code eventType} and {@code schemaVersion} also travel as
 * Kafka headers ({@link EventHeaders}) so a consumer can route before it decodes.
 */
public sealed interface Event permits RequestRevision, EligibilityDecided, PartnerNotified {

    UUID eventId();

    String eventType();

    int schemaVersion();

    Instant occurredAt();

    UUID requestId();

    String reference();

    DepartmentCode cafDepartment();

    /** The record key on Kafka: the partner's SIRET, so one partner's events stay in order. */
    String key();

    /** The topic this event is published to. */
    String topic();
}
