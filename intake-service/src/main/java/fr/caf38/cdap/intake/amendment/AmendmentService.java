package fr.caf38.cdap.intake.amendment;

import fr.caf38.cdap.events.RequestAmended;
import fr.caf38.cdap.intake.IntakeProperties;
import fr.caf38.cdap.intake.request.AccessRequest;
import fr.caf38.cdap.intake.request.AccessRequests;
import fr.caf38.cdap.intake.request.TimelineEntry;
import fr.caf38.cdap.intake.submission.BodyHash;
import fr.caf38.cdap.intake.submission.IdempotencyKeys;
import fr.caf38.cdap.intake.validation.ValidRequest;
import fr.caf38.cdap.messaging.outbox.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Stores an amendment: the request's answers replaced by the amended ones, its revision raised and an
 * {@code AMENDED} step added, with its {@code RequestAmended}, in one update of the request's document by
 * {@code _id} through the outbox. Before that, two inserts make it safe: the {@code Idempotency-Key}'s
 * claim (as for a submission, in the same space) and the revision's ({@link RequestRevisions}), which two
 * amendments racing for the same revision cannot both win. Every step is an insert or works by key.
 */
@Service
public class AmendmentService {
    private static final Logger log = LoggerFactory.getLogger(AmendmentService.class);
    /** A revision claimed this long ago whose amendment never reached the request was abandoned (its writer died). */
    static final Duration ABANDONED_AFTER = Duration.ofMinutes(1);

    private final AccessRequests requests;
    private final IdempotencyKeys keys;
    private final RequestRevisions revisions;
    private final Outbox outbox;
    private final Clock clock;
    private final Duration keyRetention;

    public AmendmentService(AccessRequests requests, IdempotencyKeys keys, RequestRevisions revisions, Outbox outbox,
                            Clock clock, IntakeProperties properties) {
        this.requests = requests;
        this.keys = keys;
        this.revisions = revisions;
        this.outbox = outbox;
        this.clock = clock;
        this.keyRetention = properties.idempotency().retention();
    }

    /** What became of an amendment. */
    public sealed interface AmendmentResult permits Amended, NotAwaitingChanges, KeyReused {
    }

    /**
     * Stored now as {@code revision}, or ({@code replayed}) earlier under the same key with a body of the same
     * meaning; {@code request} is the request as read before (its id, reference and Caf do not change).
     */
    public record Amended(AccessRequest request, int revision, boolean replayed) implements AmendmentResult {
    }

    /** The request is not waiting for changes (or another amendment just took the revision). */
    public record NotAwaitingChanges(String status) implements AmendmentResult {
    }

    /** The key already names another submission or amendment, or this one with a body of another meaning. */
    public record KeyReused(String idempotencyKey) implements AmendmentResult {
    }

    /**
     * @param current        the request as read (by {@code _id}) after its tracking token was checked
     * @param valid          the amended request, validated, with the request's own Caf and SIRET
     * @param idempotencyKey the partner's key, or null
     */
    public AmendmentResult amend(AccessRequest current, ValidRequest valid, String idempotencyKey) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String hash = BodyHash.of(valid);
        int revision = current.revision() + 1;
        IdempotencyKeys.Claim keyClaimed = null;
        if (idempotencyKey != null) {
            var mine = new IdempotencyKeys.Claim(idempotencyKey, current.id(), current.reference(),
                    current.cafDepartment(), hash, now, now.plus(keyRetention), revision);
            IdempotencyKeys.Claim claimed = keys.claim(mine, now);
            if (claimed.equals(mine)) {
                keyClaimed = mine;
            } else {
                if (claimed.namesASubmission() || !claimed.requestId().equals(current.id())
                        || !hash.equals(claimed.bodyHash())) {
                    log.info("Idempotency key of request {} reused with another body or for another request",
                            claimed.requestId());
                    return new KeyReused(idempotencyKey);
                }
                if (current.revision() >= claimed.revision()) {
                    log.info("Amendment {} of request {} answered again for its idempotency key",
                            claimed.revision(), current.id());
                    return new Amended(current, claimed.revision(), true);
                }
                // The key's first amendment never reached the request: this body means the same, it goes on.
                revision = claimed.revision();
            }
        }
        if (!current.awaitsChanges() || revision != current.revision() + 1) {
            return refused(current, keyClaimed);
        }
        RequestRevisions.Revision mine = RequestRevisions.Revision.of(current.requestId(), revision, valid.request(),
                hash, now);
        RequestRevisions.Revision claimed = revisions.claim(mine);
        if (!claimed.equals(mine) && !sameAmendmentTriedAgain(claimed, mine)
                && !(abandoned(claimed, now) && revisions.takeOver(claimed, mine))) {
            log.info("Amendment of request {} refused: revision {} was taken by another amendment", current.id(),
                    revision);
            return refused(current, keyClaimed);
        }
        return new Amended(store(current, mine, valid), revision, false);
    }

    /** Refused, nothing stored: a key claimed for it names nothing, so a replay does not answer a revision it never made. */
    private NotAwaitingChanges refused(AccessRequest current, IdempotencyKeys.Claim keyClaimed) {
        if (keyClaimed != null) {
            keys.release(keyClaimed);
        }
        return new NotAwaitingChanges(current.status());
    }

    private static boolean sameAmendmentTriedAgain(RequestRevisions.Revision claimed, RequestRevisions.Revision mine) {
        return claimed.bodyHash().equals(mine.bodyHash());
    }

    private static boolean abandoned(RequestRevisions.Revision claimed, Instant now) {
        return claimed.amendedAt().plus(ABANDONED_AFTER).isBefore(now);
    }

    /** One update by {@code _id}, its event with it; applying it again changes nothing but the event's copy. */
    private AccessRequest store(AccessRequest current, RequestRevisions.Revision revision, ValidRequest valid) {
        RequestAmended event = RequestAmended.of(current.requestId(), current.reference(), current.cafDepartment(),
                revision.amendedAt(), revision.revision(), valid.request());
        TimelineEntry step = new TimelineEntry(revision.amendedAt(), AMENDED, event.eventId().toString());
        Update update = requests.step(step)
                .set(AccessRequests.REQUEST, requests.mongoValue(valid.request(), valid.request().getClass()))
                .max(AccessRequests.REVISION, revision.revision());
        if (!outbox.updateById(AccessRequest.class, current.id(), update, event)) {
            throw new IllegalStateException("Request " + current.id() + " vanished while being amended");
        }
        log.info("Request {} ({}) amended: revision {}", current.id(), current.reference(), revision.revision());
        return current;
    }

    public static final String AMENDED = "AMENDED";
}
