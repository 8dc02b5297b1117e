package fr.caf38.cdap.intake.submission;

import fr.caf38.cdap.events.RequestSubmitted;
import fr.caf38.cdap.intake.IntakeProperties;
import fr.caf38.cdap.intake.request.AccessRequest;
import fr.caf38.cdap.intake.request.AccessRequests;
import fr.caf38.cdap.intake.validation.ValidRequest;
import fr.caf38.cdap.messaging.outbox.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Stores a valid request with its {@code RequestSubmitted} in one insert (the outbox publishes the
 * event afterwards, whatever Kafka's state), and answers replays of an {@code Idempotency-Key}. A
 * key is claimed (its own document, inserted) before the request is stored, so every step is an
 * insert or a read by {@code _id}.
 */
@Service
public class SubmissionService {
    private static final Logger log = LoggerFactory.getLogger(SubmissionService.class);

    private final AccessRequests requests;
    private final IdempotencyKeys keys;
    private final ReferenceNumbers references;
    private final Outbox outbox;
    private final Clock clock;
    private final Duration keyRetention;

    public SubmissionService(AccessRequests requests, IdempotencyKeys keys, ReferenceNumbers references,
                             Outbox outbox, Clock clock, IntakeProperties properties) {
        this.requests = requests;
        this.keys = keys;
        this.references = references;
        this.outbox = outbox;
        this.clock = clock;
        this.keyRetention = properties.idempotency().retention();
    }

    /** What became of a submission. */
    public sealed interface SubmissionResult permits Accepted, KeyReused {
    }

    /** Stored now, or ({@code replayed}) stored earlier under the same key with a body of the same meaning. */
    public record Accepted(AccessRequest request, boolean replayed) implements SubmissionResult {
    }

    /** The key was already used, within its retention, for a body of another meaning. */
    public record KeyReused(String idempotencyKey) implements SubmissionResult {
    }

    /** @param idempotencyKey the partner's key, or null */
    public SubmissionResult submit(ValidRequest valid, String idempotencyKey) {
        // Millisecond precision, as the store keeps it: the event and the stored request tell the same time.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        UUID requestId = UUID.randomUUID();
        // Drawn before the key is claimed, as a replay answers with it; a lost claim leaves a gap, which is
        // fine (references are unique, not contiguous).
        String reference = references.next(valid.cafDepartment(), now);
        if (idempotencyKey == null) {
            return new Accepted(store(requestId, reference, now, valid), false);
        }
        String hash = BodyHash.of(valid);
        var mine = new IdempotencyKeys.Claim(idempotencyKey, requestId.toString(), reference, valid.cafDepartment(),
                hash, now, now.plus(keyRetention));
        IdempotencyKeys.Claim current = keys.claim(mine, now);
        if (current.requestId().equals(mine.requestId())) {
            return new Accepted(store(requestId, reference, now, valid), false);
        }
        if (!hash.equals(current.bodyHash()) || !current.namesASubmission()) {
            log.info("Idempotency key of request {} reused with another body", current.requestId());
            return new KeyReused(idempotencyKey);
        }
        AccessRequest earlier = requests.findById(current.requestUuid())
                // The key's first submission has not stored its request (yet, or ever: it may have failed
                // in between). This body means the same, so it stores that request, under the key's ids.
                .orElseGet(() -> store(current.requestUuid(), current.reference(), current.submittedAt(), valid));
        log.info("Request {} ({}) answered again for its idempotency key", earlier.id(), earlier.reference());
        return new Accepted(earlier, true);
    }

    /**
     * Inserts the request with its event. A duplicate {@code _id} means another submission under the same
     * key stored this very request (same ids, a body of the same meaning) first: it is the one kept.
     */
    private AccessRequest store(UUID requestId, String reference, Instant at, ValidRequest valid) {
        AccessRequest request = AccessRequest.submitted(requestId, reference, valid.cafDepartment(), at,
                valid.request());
        try {
            outbox.insert(request, RequestSubmitted.of(requestId, reference, valid.cafDepartment(), at,
                    valid.request()));
            log.info("Request {} accepted as {}", requestId, reference);
            return request;
        } catch (DuplicateKeyException storedByAReplay) {
            return requests.findById(requestId).orElseThrow(() -> storedByAReplay);
        }
    }
}
