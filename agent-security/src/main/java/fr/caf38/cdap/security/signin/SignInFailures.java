package fr.caf38.cdap.security.signin;

import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/**
 * The failure counts in the service's own store, so every instance of the service sees them. One
 * document per login name ({@code name:<login>}) and per source address ({@code address:<ip>}):
 * the times of its most recent failures (no more than the limit needs), the end of its lock, and
 * {@code expiresAt}, after which it counts for nothing. Read and written by exact {@code _id} only;
 * a TTL index on {@code expiresAt} lets MongoDB delete the stale ones, and a read ignores them
 * wherever no TTL runs (the embedded store).
 */
public class SignInFailures {
    private static final Logger log = LoggerFactory.getLogger(SignInFailures.class);
    static final String FAILURES = "failures";
    static final String LOCKED_UNTIL = "lockedUntil";
    static final String EXPIRES_AT = "expiresAt";

    /** One key's state: its recent failures, oldest first, and the end of its lock (null when never locked). */
    public record Count(String id, List<Instant> failures, Instant lockedUntil, Instant expiresAt) {
        public Count {
            failures = List.copyOf(failures);
        }

        boolean lockedAt(Instant now) {
            return lockedUntil != null && lockedUntil.isAfter(now);
        }

        /** How many of the failures fall within {@code window} of {@code now}. */
        int within(java.time.Duration window, Instant now) {
            Instant since = now.minus(window);
            return (int) failures.stream().filter(failure -> failure.isAfter(since)).count();
        }
    }

    private final MongoTemplate mongo;
    private final String collection;

    public SignInFailures(MongoTemplate mongo, String collection) {
        this.mongo = mongo;
        this.collection = collection;
    }

    /** Creates the TTL index; a store that cannot (or is away) still works, reads ignore stale counts. */
    public void createIndexes() {
        try {
            mongo.indexOps(collection).createIndex(new Index().on(EXPIRES_AT, Sort.Direction.ASC)
                    .expire(0, TimeUnit.SECONDS).named("expiresAt_ttl"));
        } catch (RuntimeException e) {
            log.warn("TTL index on {}.{} not created ({}); stale counts are ignored on read", collection, EXPIRES_AT,
                    e.toString());
        }
    }

    /** The counts of these keys that have not expired, by key: one find by {@code _id $in}. */
    public Map<String, Count> read(Collection<String> ids, Instant now) {
        Map<String, Count> counts = new HashMap<>();
        for (Document document : mongo.find(new Query(where("_id").in(ids)), Document.class, collection)) {
            Count count = toCount(document);
            if (count.expiresAt() == null || count.expiresAt().isAfter(now)) {
                counts.put(count.id(), count);
            }
        }
        return counts;
    }

    /**
     * Adds a failure at {@code now}, keeping only the {@code keep} most recent, atomically (several
     * instances may count the same key at once), and returns the count as it now is.
     */
    public Count add(String id, Instant now, int keep, Instant expiresAt) {
        Update update = new Update().push(FAILURES).slice(-keep).each(Date.from(now))
                .set(EXPIRES_AT, Date.from(expiresAt));
        Document document = mongo.findAndModify(new Query(where("_id").is(id)), update,
                FindAndModifyOptions.options().upsert(true).returnNew(true), Document.class, collection);
        return toCount(document);
    }

    /** Locks the key until {@code until}; the count lives until {@code expiresAt}, no sooner than the lock ends. */
    public void lock(String id, Instant until, Instant expiresAt) {
        mongo.updateFirst(new Query(where("_id").is(id)),
                new Update().set(LOCKED_UNTIL, Date.from(until)).set(EXPIRES_AT, Date.from(expiresAt)), collection);
    }

    /** Forgets the key's count (a successful sign-in). */
    public void clear(String id) {
        mongo.remove(new Query(where("_id").is(id)), collection);
    }

    private static Count toCount(Document document) {
        List<Instant> failures = new ArrayList<>();
        Object stored = document.get(FAILURES);
        if (stored instanceof List<?> list) {
            for (Object failure : list) {
                if (failure instanceof Date date) {
                    failures.add(date.toInstant());
                }
            }
        }
        return new Count(document.getString("_id"), failures, instant(document.get(LOCKED_UNTIL)),
                instant(document.get(EXPIRES_AT)));
    }

    private static Instant instant(Object value) {
        return value instanceof Date date ? date.toInstant() : null;
    }
}
