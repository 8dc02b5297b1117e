package fr.caf38.cdap.messaging.outbox;

import fr.caf38.cdap.messaging.pending.LeasedEntries;
import fr.caf38.cdap.messaging.store.CollectionIndexes;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One entry per event stored and not yet acknowledged by Kafka, keyed by the event id, in the
 * service's {@value #COLLECTION} collection ({@link LeasedEntries}): what the recovery sweep reads to
 * find what a crash or an outage left behind, without reading the aggregates. It is written
 * <em>before</em> the aggregate's document, held by the writing instance for one lease, and deleted
 * after the broker's acknowledgement, so an event stored is always found by a sweep, even when the
 * instance that stored it died; an entry whose event is not (or no longer) in its document is simply
 * deleted by the sweep.
 */
final class PendingEvents {
    static final String COLLECTION = "outbox_pending";
    static final String AGGREGATE_COLLECTION = "collection";
    static final String AGGREGATE_ID = "documentId";

    private final LeasedEntries entries;

    PendingEvents(MongoTemplate mongo) {
        this.entries = new LeasedEntries(mongo, COLLECTION);
    }

    /** One pending event, as the sweep finds it. */
    record Entry(String eventId, String collection, Object documentId, Instant createdAt) {
    }

    static Document entry(String eventId, String collection, Object documentId) {
        return new Document("_id", eventId).append(AGGREGATE_COLLECTION, collection).append(AGGREGATE_ID, documentId);
    }

    CollectionIndexes indexes() {
        return entries.indexes();
    }

    /** One insert for all of them, held by the writer ({@code owner}) until {@code leaseUntil}. */
    void record(List<Document> pending, String owner, Instant leaseUntil, Instant now) {
        entries.hold(pending, owner, leaseUntil, now);
    }

    /** Records entries that may already exist (the start-up scan): those that do are left as they are. */
    void recordMissing(List<Document> pending, Instant now) {
        entries.recordMissing(pending, now);
    }

    /** Deletes the entries of acknowledged (or vanished) events, by key. */
    void delete(Collection<String> eventIds) {
        entries.release(eventIds);
    }

    /** The sweep's claim of entries whose lease lapsed: at most {@code limit}, held until {@code leaseUntil}. */
    List<Entry> claim(Instant now, String owner, Instant leaseUntil, int limit) {
        return entries.claimLapsed(now, owner, leaseUntil, limit).stream().map(PendingEvents::toEntry).toList();
    }

    /** Lets claimed entries be tried again after {@code retryAt}. */
    void release(Collection<String> eventIds, Instant retryAt) {
        entries.renew(eventIds.stream().collect(Collectors.toMap(Function.identity(), id -> retryAt, (a, b) -> a)));
    }

    private static Entry toEntry(Document document) {
        Date created = document.getDate(LeasedEntries.CREATED_AT);
        return new Entry(document.getString("_id"), document.getString(AGGREGATE_COLLECTION),
                document.get(AGGREGATE_ID), created == null ? Instant.EPOCH : created.toInstant());
    }
}
