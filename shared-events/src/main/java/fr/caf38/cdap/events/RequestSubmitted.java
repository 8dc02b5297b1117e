package fr.caf38.cdap.events;

import fr.caf38.cdap.events.request.SubmittedRequest;
import fr.caf38.cdap.events.value.DepartmentCode;

import java.time.Instant;
import java.util.UUID;

import static java.util.Objects.requireNonNull;

/** A partner's request was accepted and stored by intake (revision 1). Carries the whole request, normalised. */
public record RequestSubmitted(
        UUID eventId,
        String eventType,
        int schemaVersion,
        Instant occurredAt,
        UUID requestId,
        String reference,
        DepartmentCode cafDepartment,
        SubmittedRequest request) implements RequestRevision {

    public static final String TYPE = "RequestSubmitted";
    public static final int VERSION = 1;

    public RequestSubmitted {
        Envelope.check(TYPE, eventId, eventType, schemaVersion, occurredAt, requestId, reference, cafDepartment);
        requireNonNull(request, "request is required");
    }

    public static RequestSubmitted of(UUID requestId, String reference, DepartmentCode cafDepartment,
                                      Instant submittedAt, SubmittedRequest request) {
        return new RequestSubmitted(UUID.randomUUID(), TYPE, VERSION, submittedAt, requestId, reference,
                cafDepartment, request);
    }

    /** A submission is the request's first revision. */
    @Override
    public int revision() {
        return 1;
    }
}
