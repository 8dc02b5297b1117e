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
import java.util.Optional;
import java.util.UUID;

/**
 * Stores a valid request with its {@code RequestSubmitted} in one write (the outbox publishes the
 * event afterwards, whatever Kafka's state), and answers replays of an {@code Idempotency-Key}.
 */
@Service
public class SubmissionService {
    private static final Logger log = LoggerFactory.getLogger(SubmissionService.class);

    private final AccessRequests requests;
    private final ReferenceNumbers references;
    private final Outbox outbox;
    private final Clock clock;
    private final Duration keyRetention;

    public SubmissionService(AccessRequests requests, ReferenceNumbers references, Outbox outbox, Clock clock,
                             IntakeProperties properties) {
        this.requests = requests;
        this.references = references;
        this.outbox = outbox;
        this.clock = clock;
        this.keyRetention = properties.idempotency().retention();
    }

    /** What became of a submission. */
    public sealed interface Outcome permits Accepted, KeyReused {
    }

    /** Stored now, or ({@code replayed}) stored earlier under the same key with a body of the same meaning. */
    public record Accepted(AccessRequest request, boolean replayed) implements Outcome {
    }

    /** The key was already used, within its retention, for a body of another meaning. */
    public record KeyReused(String idempotencyKey) implements Outcome {
    }

    /** @param idempotencyKey the partner's key, or null */
    public Outcome submit(ValidRequest valid, String idempotencyKey) {
        String hash = BodyHash.of(valid);
        // Millisecond precision, as the store keeps it: the event and the stored request tell the same time.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        if (idempotencyKey != null) {
            Optional<Outcome> earlier = earlierUse(idempotencyKey, hash, now);
            if (earlier.isPresent()) {
                return earlier.get();
            }
        }
        UUID requestId = UUID.randomUUID();
        String reference = references.next(valid.cafDepartment(), now);
        AccessRequest.IdempotencyKey key = idempotencyKey == null ? null
                : new AccessRequest.IdempotencyKey(idempotencyKey, hash, now.plus(keyRetention));
        AccessRequest request = AccessRequest.submitted(requestId, reference, valid.cafDepartment(), now,
                valid.request(), key);
        try {
            outbox.insert(request, RequestSubmitted.of(requestId, reference, valid.cafDepartment(), now,
                    valid.request()));
        } catch (DuplicateKeyException e) {
            // Another submission with the same key was stored between our look-up and our insert: it won, so
            // this one is answered as its replay (or its conflict). The reference drawn for this attempt is
            // never used: a gap in the sequence, which is fine (references are unique, not contiguous).
            if (idempotencyKey == null) {
                throw e;
            }
            return earlierUse(idempotencyKey, hash, now).orElseThrow(() -> e);
        }
        log.info("Request {} accepted as {}", requestId, reference);
        return new Accepted(request, false);
    }

    private Optional<Outcome> earlierUse(String key, String hash, Instant now) {
        Optional<AccessRequest> earlier = requests.findByIdempotencyKey(key);
        if (earlier.isEmpty()) {
            return Optional.empty();
        }
        AccessRequest request = earlier.get();
        if (request.idempotencyExpiresAt() != null && !request.idempotencyExpiresAt().isAfter(now)) {
            // Expired but not yet released by the clean-up: release it now so the key can serve again.
            requests.releaseKeyIfExpired(request.id(), key, now);
            return Optional.empty();
        }
        if (!hash.equals(request.bodyHash())) {
            log.info("Idempotency key of request {} reused with another body", request.id());
            return Optional.of(new KeyReused(key));
        }
        log.info("Request {} ({}) answered again for its idempotency key", request.id(), request.reference());
        return Optional.of(new Accepted(request, true));
    }
}
