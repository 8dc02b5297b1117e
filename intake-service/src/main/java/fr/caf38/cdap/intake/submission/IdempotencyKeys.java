package fr.caf38.cdap.intake.submission;

import fr.caf38.cdap.events.value.DepartmentCode;
import fr.caf38.cdap.intake.request.AccessRequest;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.FindAndReplaceOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/**
 * The partners' {@code Idempotency-Key}s, one document per key in {@code idempotency_keys}
 * ({@code _id} = the key), naming the request it stands for. A submission claims its key by
 * inserting that document before storing its request: the duplicate-key error tells a later use
 * (or the loser of a race) which request the key already names, read by {@code _id}. A key past its
 * retention is replaced by key. The collection holds only the keys still kept (24 hours), so its
 * clean-up costs what is pending, not what is stored.
 */
@Component
public class IdempotencyKeys implements InitializingBean {
    private static final Logger log = LoggerFactory.getLogger(IdempotencyKeys.class);
    static final String COLLECTION = "idempotency_keys";
    static final String MIGRATIONS = "intake_migrations";
    static final String KEYS_MOVED = "idempotency-keys-in-own-collection";
    private static final int ATTEMPTS = 5;

    /**
     * What a key stands for: enough to answer a replay (the first {@code 202}) without the request,
     * and to store that request if its first submission never got that far. Keys name one submission
     * or one amendment, in the same space.
     *
     * @param revision null for a submission; for an amendment, the revision it makes (2, 3…)
     */
    @org.springframework.data.mongodb.core.mapping.Document(COLLECTION)
    public record Claim(@Id String key, String requestId, String reference, DepartmentCode cafDepartment,
                        String bodyHash, Instant submittedAt, Instant expiresAt, Integer revision) {

        public Claim(String key, String requestId, String reference, DepartmentCode cafDepartment, String bodyHash,
                     Instant submittedAt, Instant expiresAt) {
            this(key, requestId, reference, cafDepartment, bodyHash, submittedAt, expiresAt, null);
        }

        /** Whether this claim names a submission (not an amendment). */
        public boolean namesASubmission() {
            return revision == null;
        }

        boolean expiredAt(Instant now) {
            return !expiresAt.isAfter(now);
        }

        public UUID requestUuid() {
            return UUID.fromString(requestId);
        }
    }

    private final MongoTemplate mongo;

    public IdempotencyKeys(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /**
     * Claims the key for {@code mine}, or finds the claim it already stands for: {@code mine} itself
     * when this submission may go on, else the earlier (unexpired) claim to answer against.
     */
    public Claim claim(Claim mine, Instant now) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            try {
                mongo.insert(mine);
                return mine;
            } catch (DuplicateKeyException used) {
                Claim earlier = mongo.findById(mine.key(), Claim.class);
                if (earlier == null) {
                    continue; // released meanwhile: claim it again
                }
                if (!earlier.expiredAt(now)) {
                    return earlier;
                }
                Claim current = replaceExpired(earlier, mine);
                if (current != null) {
                    return current;
                }
            }
        }
        throw new IllegalStateException("Idempotency key still contended after " + ATTEMPTS + " attempts");
    }

    /**
     * Replaces an expired claim by key. The replaced document comes back: if it is not the expired
     * claim we read, another submission renewed the key first, so its claim is put back and stands.
     * Null when the key was released meanwhile (claim it again).
     */
    private Claim replaceExpired(Claim expired, Claim mine) {
        Claim replaced = mongo.findAndReplace(byKey(mine.key()), mine, FindAndReplaceOptions.none());
        if (replaced == null) {
            return null;
        }
        if (replaced.requestId().equals(expired.requestId())) {
            log.info("Idempotency key of request {} expired: it now names request {}", expired.requestId(),
                    mine.requestId());
            return mine;
        }
        mongo.findAndReplace(byKey(mine.key()), replaced, FindAndReplaceOptions.none());
        return replaced;
    }

    /**
     * Releases a key this caller claimed for an operation that was then refused (nothing stored under it), so
     * that the key names nothing rather than a result it never had. By key; a claim found that is not
     * {@code mine} (replaced meanwhile) is put back.
     */
    public void release(Claim mine) {
        Claim removed = mongo.findAndRemove(byKey(mine.key()), Claim.class);
        if (removed != null && !removed.equals(mine)) {
            try {
                mongo.insert(removed);
            } catch (DuplicateKeyException claimedAgain) {
                log.debug("Idempotency key of request {} claimed again during its release", removed.requestId());
            }
        }
    }

    /**
     * Releases the keys expired by {@code now}; returns how many. Reads the keys collection (what is
     * kept, never the requests), then removes each expired key by {@code _id}; a key renewed between
     * the read and its removal is put back.
     */
    public long releaseExpired(Instant now) {
        List<Claim> expired = mongo.find(Query.query(where("expiresAt").lte(now)), Claim.class);
        long released = 0;
        for (Claim claim : expired) {
            Claim removed = mongo.findAndRemove(byKey(claim.key()), Claim.class);
            if (removed == null) {
                continue;
            }
            if (removed.expiredAt(now)) {
                released++;
            } else {
                try {
                    mongo.insert(removed);
                } catch (DuplicateKeyException claimedAgain) {
                    log.debug("Idempotency key of request {} claimed again during its clean-up", removed.requestId());
                }
            }
        }
        return released;
    }

    private static Query byKey(String key) {
        return Query.query(where("_id").is(key));
    }

    /**
     * Once per store, at start-up: keys still kept in the former layout (fields of the request's own
     * document) get their document here, so a replay after the upgrade finds them.
     */
    @Override
    public void afterPropertiesSet() {
        if (mongo.findById(KEYS_MOVED, Document.class, MIGRATIONS) != null) {
            return;
        }
        Query former = Query.query(where("idempotencyKey").exists(true));
        former.fields().include("reference", "cafDepartment", "submittedAt", "idempotencyKey", "bodyHash",
                "idempotencyExpiresAt");
        List<Claim> claims = new ArrayList<>();
        for (Document request : mongo.find(former, Document.class, AccessRequest.COLLECTION)) {
            claims.add(new Claim(request.getString("idempotencyKey"), request.getString("_id"),
                    request.getString("reference"), DepartmentCode.of(request.getString("cafDepartment")),
                    request.getString("bodyHash"), request.getDate("submittedAt").toInstant(),
                    request.getDate("idempotencyExpiresAt").toInstant()));
        }
        if (!claims.isEmpty()) {
            BulkOperations inserts = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, Claim.class);
            inserts.insert(claims);
            try {
                inserts.execute();
            } catch (RuntimeException someAlreadyMoved) {
                log.debug("Some former idempotency keys were already moved: {}", someAlreadyMoved.toString());
            }
            log.info("Moved {} idempotency keys of the former layout to {}", claims.size(), COLLECTION);
        }
        try {
            mongo.insert(new Document("_id", KEYS_MOVED).append("at", java.util.Date.from(Instant.now())), MIGRATIONS);
        } catch (DuplicateKeyException anotherInstanceDidIt) {
            log.debug("Idempotency keys moved by another instance");
        }
    }
}
