package fr.caf38.cdap.events;

import fr.caf38.cdap.events.value.DepartmentCode;
import fr.caf38.cdap.events.value.NotificationKind;
import fr.caf38.cdap.events.value.Siret;

import java.time.Instant;
import java.util.UUID;

import static java.util.Objects.requireNonNull;

/** An email about a request reached the partner's mail server. Not published for the agents' notice. */
public record PartnerNotified(
        UUID eventId,
        String eventType,
        int schemaVersion,
        Instant occurredAt,
        UUID requestId,
        String reference,
        DepartmentCode cafDepartment,
        NotificationKind kind,
        String to,
        Instant sentAt,
        Siret siret) implements Event {

    public static final String TYPE = "PartnerNotified";
    public static final int VERSION = 1;

    public PartnerNotified {
        Envelope.check(TYPE, eventId, eventType, schemaVersion, occurredAt, requestId, reference, cafDepartment);
        requireNonNull(kind, "kind is required");
        requireNonNull(to, "to is required");
        requireNonNull(sentAt, "sentAt is required");
        requireNonNull(siret, "siret is required");
    }

    public static PartnerNotified of(UUID requestId, String reference, DepartmentCode cafDepartment,
                                     NotificationKind kind, String to, Instant sentAt, Siret siret) {
        return new PartnerNotified(UUID.randomUUID(), TYPE, VERSION, sentAt, requestId, reference, cafDepartment,
                kind, to, sentAt, siret);
    }

    @Override
    public String key() {
        return siret.value();
    }

    @Override
    public String topic() {
        return Topics.NOTIFICATIONS_SENT;
    }
}
