package fr.caf38.cdap.events;

import fr.caf38.cdap.events.request.SubmittedRequest;
import fr.caf38.cdap.events.value.DepartmentCode;

import java.time.Instant;
import java.util.UUID;

import static java.util.Objects.requireNonNull;

/**
 * The partner amended a request an agent had sent back for changes: the whole request again, as
 * validated and normalised, in its new revision (2, 3…). Same topic and key as the submission, so it
 * stays behind the request's earlier events.
 */
public record RequestAmended(
        UUID eventId,
        String eventType,
        int schemaVersion,
        Instant occurredAt,
        UUID requestId,
        String reference,
        DepartmentCode cafDepartment,
        int revision,
        SubmittedRequest request) implements RequestRevision {

    public static final String TYPE = "RequestAmended";
    public static final int VERSION = 1;

    public RequestAmended {
        Envelope.check(TYPE, eventId, eventType, schemaVersion, occurredAt, requestId, reference, cafDepartment);
        requireNonNull(request, "request is required");
        if (revision < 2) {
            throw new IllegalArgumentException("revision of an amendment is 2 or more, was " + revision);
        }
    }

    public static RequestAmended of(UUID requestId, String reference, DepartmentCode cafDepartment,
                                    Instant amendedAt, int revision, SubmittedRequest request) {
        return new RequestAmended(UUID.randomUUID(), TYPE, VERSION, amendedAt, requestId, reference, cafDepartment,
                revision, request);
    }
}
