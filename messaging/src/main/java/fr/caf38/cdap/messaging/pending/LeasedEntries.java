package fr.caf38.cdap.messaging.pending;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.WriteModel;
import fr.caf38.cdap.messaging.store.CollectionIndexes;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A collection of pending work, one entry per item keyed by the item's id, each held by an instance
 * ({@code owner}) until {@code leaseUntil}: the outbox's unpublished events, the unsent emails. An
 * entry is written when the work is taken on and deleted when it is done, so the collection holds
 * what is pending, not what is stored. Everything here is by key except the recovery sweep's claim,
 * whose queries read this collection only, and so cost what is pending: it takes the entries whose
 * lease lapsed (their holder died, or nobody ever held them) for one instance, atomically, so two
 * sweeps never take the same entry.
 */
public final class LeasedEntries {
    public static final String OWNER = "owner";
    public static final String LEASE_UNTIL = "leaseUntil";
    public static final String CREATED_AT = "createdAt";
    private static final String CLAIM = "claim";
    private static final int DUPLICATE_KEY = 11000;
    /** The lease of an entry nobody holds: the next sweep takes it. */
    private static final Date LAPSED = new Date(0);

    private final MongoTemplate mongo;
    private final String collection;

    public LeasedEntries(MongoTemplate mongo, String collection) {
        this.mongo = mongo;
        this.collection = collection;
    }

    public String collectionName() {
        return collection;
    }

    /** The sweep's index on real MongoDB (the embedded store ignores it: its size is what is pending). */
    public CollectionIndexes indexes() {
        return CollectionIndexes.of(collection, new Index().on(LEASE_UNTIL, Sort.Direction.ASC).named("lapsed"));
    }

    /**
     * Inserts these entries (each with its {@code _id} and fields of its own), held by {@code owner}
     * until {@code leaseUntil}, in one write; returns the ids whose entry this call created (an
     * existing entry means the item is already held).
     */
    public Set<Object> hold(List<Document> entries, String owner, Instant leaseUntil, Instant now) {
        Set<Object> held = new LinkedHashSet<>();
        if (entries.isEmpty()) {
            return held;
        }
        List<Document> documents = entries.stream().map(entry -> stamped(entry, owner, Date.from(leaseUntil), now)).toList();
        documents.forEach(document -> held.add(document.get("_id")));
        try {
            collection().insertMany(documents, new InsertManyOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            for (BulkWriteError error : e.getWriteErrors()) {
                if (error.getCode() != DUPLICATE_KEY) {
                    throw e;
                }
                held.remove(documents.get(error.getIndex()).get("_id"));
            }
        }
        return held;
    }

    /** Entries nobody holds, for items that may already have one (a start-up scan): existing ones are left alone. */
    public void recordMissing(List<Document> entries, Instant now) {
        if (entries.isEmpty()) {
            return;
        }
        List<WriteModel<Document>> writes = new ArrayList<>();
        for (Document entry : entries) {
            Document fields = stamped(entry, null, LAPSED, now);
            Object id = fields.remove("_id");
            writes.add(new UpdateOneModel<>(new Document("_id", id), new Document("$setOnInsert", fields),
                    new UpdateOptions().upsert(true)));
        }
        collection().bulkWrite(writes, new BulkWriteOptions().ordered(false));
    }

    /** Moves the leases of these entries, by key, in one write. */
    public void renew(Map<?, Instant> leases) {
        if (leases.isEmpty()) {
            return;
        }
        List<WriteModel<Document>> writes = new ArrayList<>();
        leases.forEach((id, until) -> writes.add(new UpdateOneModel<>(new Document("_id", id),
                new Document("$set", new Document(LEASE_UNTIL, Date.from(until))))));
        collection().bulkWrite(writes, new BulkWriteOptions().ordered(false));
    }

    /**
     * Moves the leases of these entries where {@code owner} still holds them, by key, in one write;
     * returns the ids it no longer holds (a sweep took them after their lease lapsed, or they are
     * gone). Only when the write matched fewer entries than asked are they read back, by key.
     */
    public Set<Object> renewHeld(Map<?, Instant> leases, String owner) {
        if (leases.isEmpty()) {
            return Set.of();
        }
        List<WriteModel<Document>> writes = new ArrayList<>();
        leases.forEach((id, until) -> writes.add(new UpdateOneModel<>(new Document("_id", id).append(OWNER, owner),
                new Document("$set", new Document(LEASE_UNTIL, Date.from(until))))));
        if (collection().bulkWrite(writes, new BulkWriteOptions().ordered(false)).getMatchedCount() == leases.size()) {
            return Set.of();
        }
        Set<Object> lost = new LinkedHashSet<>(leases.keySet());
        collection().find(new Document("_id", new Document("$in", List.copyOf(leases.keySet()))).append(OWNER, owner))
                .projection(new Document("_id", 1)).forEach(entry -> lost.remove(entry.get("_id")));
        return lost;
    }

    /** Deletes the entries of items that are done (or gone), by key. */
    public void release(Collection<?> ids) {
        if (!ids.isEmpty()) {
            collection().deleteMany(new Document("_id", new Document("$in", List.copyOf(ids))));
        }
    }

    /**
     * The sweep's claim: at most {@code limit} entries whose lease lapsed by {@code now}, taken for
     * {@code owner} until {@code leaseUntil}; returns the entries this call took, fields included.
     */
    public List<Document> claimLapsed(Instant now, String owner, Instant leaseUntil, int limit) {
        Document lapsed = new Document(LEASE_UNTIL, new Document("$lte", Date.from(now)));
        List<Object> candidates = new ArrayList<>();
        collection().find(lapsed).projection(new Document("_id", 1)).limit(limit)
                .forEach(entry -> candidates.add(entry.get("_id")));
        if (candidates.isEmpty()) {
            return List.of();
        }
        String token = UUID.randomUUID().toString();
        collection().updateMany(new Document("_id", new Document("$in", candidates)).append(LEASE_UNTIL, lapsed.get(LEASE_UNTIL)),
                new Document("$set", new Document(OWNER, owner).append(LEASE_UNTIL, Date.from(leaseUntil)).append(CLAIM, token)));
        List<Document> claimed = new ArrayList<>();
        collection().find(new Document("_id", new Document("$in", candidates)).append(CLAIM, token)).forEach(claimed::add);
        return claimed;
    }

    private static Document stamped(Document entry, String owner, Date leaseUntil, Instant now) {
        return new Document(entry).append(OWNER, owner).append(LEASE_UNTIL, leaseUntil)
                .append(CREATED_AT, Date.from(now));
    }

    private MongoCollection<Document> collection() {
        return mongo.getCollection(collection);
    }
}
