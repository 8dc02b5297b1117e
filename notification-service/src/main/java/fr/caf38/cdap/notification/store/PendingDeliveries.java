package fr.caf38.cdap.notification.store;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.WriteModel;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One entry per unsent notification, keyed by the notification's _id, in {@value #COLLECTION}: who
 * holds it ({@code owner}) and until when ({@code leaseUntil}). The instance that stored (or an
 * agent re-queued) a notification holds it from the start and renews the lease while the email
 * waits in its memory; the entry is deleted once the email is SENT or FAILED. So the collection
 * holds what is pending, not what is stored, and the recovery sweep's queries on it (the only
 * ones not by key) cost what is pending.
 */
final class PendingDeliveries {
    static final String COLLECTION = "notification_pending";
    static final String OWNER = "owner";
    static final String LEASE_UNTIL = "leaseUntil";
    static final String CREATED_AT = "createdAt";
    private static final int DUPLICATE_KEY = 11000;
    /** The lease of an entry nobody holds: the next sweep takes it. */
    private static final Date LAPSED = new Date(0);

    private final MongoTemplate mongo;

    PendingDeliveries(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /**
     * Inserts an entry held by {@code owner} for each of these notifications, in one write; returns
     * the ids whose entry this call created (an existing entry means someone else holds it).
     */
    Set<String> hold(List<String> ids, String owner, Instant leaseUntil, Instant now) {
        Set<String> held = new LinkedHashSet<>(ids);
        if (ids.isEmpty()) {
            return held;
        }
        List<Document> entries = ids.stream().map(id -> entry(id, owner, Date.from(leaseUntil), now)).toList();
        try {
            collection().insertMany(entries, new InsertManyOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            for (BulkWriteError error : e.getWriteErrors()) {
                if (error.getCode() != DUPLICATE_KEY) {
                    throw e;
                }
                held.remove(ids.get(error.getIndex()));
            }
        }
        return held;
    }

    /** An entry nobody holds yet (a notification stored outside the consumers): the next sweep takes it. */
    void recordUnheld(String id, Instant now) {
        recordMissing(List.of(id), now);
    }

    /** Entries for notifications that may already have one (the start-up scan): existing ones are left alone. */
    void recordMissing(Collection<String> ids, Instant now) {
        if (ids.isEmpty()) {
            return;
        }
        List<WriteModel<Document>> writes = new ArrayList<>();
        for (String id : ids) {
            Document entry = entry(id, null, LAPSED, now);
            entry.remove("_id");
            writes.add(new UpdateOneModel<>(new Document("_id", id), new Document("$setOnInsert", entry),
                    new UpdateOptions().upsert(true)));
        }
        collection().bulkWrite(writes, new BulkWriteOptions().ordered(false));
    }

    /** Moves the leases of entries this instance holds, by key, in one write. */
    void renew(Map<String, Instant> leases) {
        if (leases.isEmpty()) {
            return;
        }
        List<WriteModel<Document>> writes = new ArrayList<>();
        leases.forEach((id, until) -> writes.add(new UpdateOneModel<>(new Document("_id", id),
                new Document("$set", new Document(LEASE_UNTIL, Date.from(until))))));
        collection().bulkWrite(writes, new BulkWriteOptions().ordered(false));
    }

    /** Deletes the entries of notifications that are settled (or gone), by key. */
    void release(Collection<String> ids) {
        if (!ids.isEmpty()) {
            collection().deleteMany(new Document("_id", new Document("$in", List.copyOf(ids))));
        }
    }

    /**
     * The sweep's claim: entries whose lease has lapsed (their holder died, or nobody ever held
     * them), each taken atomically for {@code owner} until {@code leaseUntil}; returns the ids this
     * call holds, at most {@code limit}.
     */
    List<String> claimLapsed(Instant now, String owner, Instant leaseUntil, int limit) {
        Document lapsed = new Document(LEASE_UNTIL, new Document("$lte", Date.from(now)));
        List<String> candidates = new ArrayList<>();
        collection().find(lapsed).projection(new Document("_id", 1)).limit(limit)
                .forEach(entry -> candidates.add(entry.getString("_id")));
        List<String> claimed = new ArrayList<>();
        Document take = new Document("$set", new Document(OWNER, owner).append(LEASE_UNTIL, Date.from(leaseUntil)));
        for (String id : candidates) {
            Document filter = new Document("_id", id).append(LEASE_UNTIL, new Document("$lte", Date.from(now)));
            if (collection().findOneAndUpdate(filter, take) != null) {
                claimed.add(id);
            }
        }
        return claimed;
    }

    private static Document entry(String id, String owner, Date leaseUntil, Instant now) {
        return new Document("_id", id).append(OWNER, owner).append(LEASE_UNTIL, leaseUntil)
                .append(CREATED_AT, Date.from(now));
    }

    private MongoCollection<Document> collection() {
        return mongo.getCollection(COLLECTION);
    }
}
