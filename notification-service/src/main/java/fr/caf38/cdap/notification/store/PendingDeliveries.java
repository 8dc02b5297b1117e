package fr.caf38.cdap.notification.store;

import fr.caf38.cdap.messaging.pending.LeasedEntries;
import fr.caf38.cdap.messaging.store.CollectionIndexes;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One entry per unsent notification, keyed by the notification's _id, in {@value #COLLECTION}
 * ({@link LeasedEntries}): which instance holds it and until when. The instance that stored (or an
 * agent re-queued) a notification holds it from the start and renews the lease while the email
 * waits in its memory; the entry is deleted once the email is SENT or FAILED. So the collection
 * holds what is pending, not what is stored, and the recovery sweep's queries on it (the only
 * ones not by key) cost what is pending.
 */
final class PendingDeliveries {
    static final String COLLECTION = "notification_pending";

    private final LeasedEntries entries;

    PendingDeliveries(MongoTemplate mongo) {
        this.entries = new LeasedEntries(mongo, COLLECTION);
    }

    CollectionIndexes indexes() {
        return entries.indexes();
    }

    /**
     * Inserts an entry held by {@code owner} for each of these notifications, in one write; returns
     * the ids whose entry this call created (an existing entry means someone else holds it).
     */
    Set<String> hold(List<String> ids, String owner, Instant leaseUntil, Instant now) {
        Set<String> held = new LinkedHashSet<>();
        entries.hold(documents(ids), owner, leaseUntil, now).forEach(id -> held.add((String) id));
        return held;
    }

    /** An entry nobody holds yet (a notification stored outside the consumers): the next sweep takes it. */
    void recordUnheld(String id, Instant now) {
        recordMissing(List.of(id), now);
    }

    /** Entries for notifications that may already have one (the start-up scan): existing ones are left alone. */
    void recordMissing(Collection<String> ids, Instant now) {
        entries.recordMissing(documents(ids), now);
    }

    /** Moves the leases of entries this instance holds, by key, in one write. */
    void renew(Map<String, Instant> leases) {
        entries.renew(leases);
    }

    /** Moves the leases of entries {@code owner} still holds, in one write; returns the ids it no longer holds. */
    Set<String> renewHeld(Map<String, Instant> leases, String owner) {
        Set<String> lost = new LinkedHashSet<>();
        entries.renewHeld(leases, owner).forEach(id -> lost.add((String) id));
        return lost;
    }

    /** Deletes the entries of notifications that are settled (or gone), by key. */
    void release(Collection<String> ids) {
        entries.release(ids);
    }

    /**
     * The sweep's claim: entries whose lease has lapsed (their holder died, or nobody ever held
     * them), taken for {@code owner} until {@code leaseUntil}; returns the ids this call holds, at
     * most {@code limit}.
     */
    List<String> claimLapsed(Instant now, String owner, Instant leaseUntil, int limit) {
        return entries.claimLapsed(now, owner, leaseUntil, limit).stream().map(entry -> entry.getString("_id")).toList();
    }

    private static List<Document> documents(Collection<String> ids) {
        return ids.stream().map(id -> new Document("_id", id)).toList();
    }
}
