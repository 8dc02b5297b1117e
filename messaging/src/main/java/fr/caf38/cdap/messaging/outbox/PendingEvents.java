package fr.caf38.cdap.messaging.outbox;

import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.List;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/**
 * One entry per event stored and not yet acknowledged by Kafka, keyed by the event id, in the
 * service's {@value #COLLECTION} collection: what the recovery sweep reads to find what a crash or
 * an outage left behind, without reading the aggregates. It is written <em>before</em> the
 * aggregate's document and deleted after the broker's acknowledgement, so an event stored is always
 * found by a sweep, even when the instance that stored it died; an entry whose event is not (or no
 * longer) in its document is simply deleted by the sweep. The collection holds what is pending, not
 * what is stored, so the sweep's queries on it cost what is pending.
 */
final class PendingEvents {
    static final String COLLECTION = "outbox_pending";
    static final String AGGREGATE_COLLECTION = "collection";
    static final String AGGREGATE_ID = "documentId";
    static final String CREATED_AT = "createdAt";
    static final String CLAIM = "claim";
    static final String LEASE_UNTIL = "leaseUntil";

    private final MongoTemplate mongo;

    PendingEvents(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** One pending event, as the sweep finds it. */
    record Entry(String eventId, String collection, Object documentId, Instant createdAt) {
    }

    static Document entry(String eventId, String collection, Object documentId, Instant now) {
        return new Document("_id", eventId).append(AGGREGATE_COLLECTION, collection)
                .append(AGGREGATE_ID, documentId).append(CREATED_AT, Date.from(now));
    }

    /** One insert for all of them. */
    void record(List<Document> entries) {
        if (!entries.isEmpty()) {
            mongo.getCollection(COLLECTION).insertMany(entries);
        }
    }

    /** Records entries that may already exist (the start-up scan): those that do are left as they are. */
    void recordMissing(List<Document> entries) {
        if (entries.isEmpty()) {
            return;
        }
        var writes = entries.stream().map(entry -> (com.mongodb.client.model.WriteModel<Document>)
                new com.mongodb.client.model.UpdateOneModel<Document>(new Document("_id", entry.get("_id")),
                        new Document("$setOnInsert", new Document(entry).append("_id", entry.get("_id"))),
                        new com.mongodb.client.model.UpdateOptions().upsert(true))).toList();
        mongo.getCollection(COLLECTION).bulkWrite(writes, new com.mongodb.client.model.BulkWriteOptions().ordered(false));
    }

    /** Deletes the entries of acknowledged (or vanished) events, by key. */
    void delete(Collection<String> eventIds) {
        if (!eventIds.isEmpty()) {
            mongo.getCollection(COLLECTION).deleteMany(new Document("_id", new Document("$in", List.copyOf(eventIds))));
        }
    }

    /**
     * The sweep's claim: entries older than {@code olderThan} that no live claim holds, taken for
     * {@code leaseUntil} under {@code token}; returns what this claim holds (at most {@code limit}).
     * These queries read the pending collection only, whose size is what is pending.
     */
    List<Entry> claim(Instant now, Instant olderThan, Instant leaseUntil, String token, int limit) {
        Query due = Query.query(where(CREATED_AT).lt(Date.from(olderThan)).orOperator(
                where(LEASE_UNTIL).exists(false), where(LEASE_UNTIL).lt(Date.from(now)))).limit(limit);
        due.fields().include("_id");
        List<Object> ids = mongo.find(due, Document.class, COLLECTION).stream().map(d -> d.get("_id")).toList();
        if (ids.isEmpty()) {
            return List.of();
        }
        mongo.updateMulti(Query.query(where("_id").in(ids).orOperator(
                        where(LEASE_UNTIL).exists(false), where(LEASE_UNTIL).lt(Date.from(now)))),
                new Update().set(CLAIM, token).set(LEASE_UNTIL, Date.from(leaseUntil)), COLLECTION);
        return mongo.find(Query.query(where("_id").in(ids).and(CLAIM).is(token)), Document.class, COLLECTION)
                .stream().map(PendingEvents::toEntry).toList();
    }

    /** Lets a claimed entry be tried again after {@code retryAt}. */
    void release(Collection<String> eventIds, Instant retryAt) {
        if (!eventIds.isEmpty()) {
            mongo.updateMulti(Query.query(Criteria.where("_id").in(List.copyOf(eventIds))),
                    new Update().unset(CLAIM).set(LEASE_UNTIL, Date.from(retryAt)), COLLECTION);
        }
    }

    /** Every entry still pending (the sweep's figure): a read of the pending collection only. */
    long count() {
        return mongo.getCollection(COLLECTION).estimatedDocumentCount();
    }

    private static Entry toEntry(Document document) {
        Date created = document.getDate(CREATED_AT);
        return new Entry(document.getString("_id"), document.getString(AGGREGATE_COLLECTION),
                document.get(AGGREGATE_ID), created == null ? Instant.EPOCH : created.toInstant());
    }
}
