package fr.caf38.cdap.intake.request;

import fr.caf38.cdap.events.request.SubmittedRequest;
import fr.caf38.cdap.events.value.DepartmentCode;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One partner's request as intake keeps it: what was submitted (normalised), its status view kept
 * from the other services' events, and its idempotency key while that lasts. Its document also
 * carries the outbox of {@code RequestSubmitted}, so after the insert it is only ever changed by
 * targeted updates (see {@link AccessRequests}), never saved whole.
 *
 * @param id                   the request id (a UUID, as text)
 * @param handledEvents        ids of the events already applied to the status view (a redelivery changes nothing)
 * @param idempotencyKey       the partner's {@code Idempotency-Key}, until it expires; unique while present
 * @param bodyHash             hash of the normalised request, to tell a replay from another body under the same key
 * @param idempotencyExpiresAt when the key is released
 */
@Document(AccessRequest.COLLECTION)
public record AccessRequest(
        @Id String id,
        String reference,
        DepartmentCode cafDepartment,
        Instant submittedAt,
        Instant updatedAt,
        SubmittedRequest request,
        String status,
        RequestDecision decision,
        List<TimelineEntry> timeline,
        List<String> handledEvents,
        String idempotencyKey,
        String bodyHash,
        Instant idempotencyExpiresAt) {

    public static final String COLLECTION = "requests";
    public static final String SUBMITTED = "SUBMITTED";

    public AccessRequest {
        timeline = timeline == null ? List.of() : List.copyOf(timeline);
        handledEvents = handledEvents == null ? List.of() : List.copyOf(handledEvents);
    }

    /** A request just accepted: status {@code SUBMITTED}, a timeline of one entry. */
    public static AccessRequest submitted(UUID id, String reference, DepartmentCode cafDepartment, Instant at,
                                          SubmittedRequest request, IdempotencyKey key) {
        return new AccessRequest(id.toString(), reference, cafDepartment, at, at, request, SUBMITTED, null,
                List.of(new TimelineEntry(at, SUBMITTED)), List.of(),
                key == null ? null : key.value(), key == null ? null : key.bodyHash(),
                key == null ? null : key.expiresAt());
    }

    public UUID requestId() {
        return UUID.fromString(id);
    }

    /** The key a partner sent with the request, the hash of its normalised body, and when the key is released. */
    public record IdempotencyKey(String value, String bodyHash, Instant expiresAt) {
    }
}
