package fr.caf38.cdap.messaging.outbox;

import org.bson.Document;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static fr.caf38.cdap.messaging.outbox.OutboxFields.MESSAGES;

/**
 * Records in the store what Kafka acknowledged: the events leave their documents (one bulk write of
 * {@code $pull} by _id per collection) and their pending entries are deleted by key.
 */
final class Acknowledgements {
    private final MongoTemplate mongo;
    private final PendingEvents pending;
    private final OutboxMeters meters;
    private final Clock clock;
    private final AtomicReference<Instant> lastSuccess = new AtomicReference<>();

    Acknowledgements(MongoTemplate mongo, PendingEvents pending, OutboxMeters meters, Clock clock) {
        this.mongo = mongo;
        this.pending = pending;
        this.meters = meters;
        this.clock = clock;
    }

    void record(List<HandedEvent> acknowledged) {
        Map<String, Map<Object, List<String>>> byCollection = new LinkedHashMap<>();
        for (HandedEvent event : acknowledged) {
            byCollection.computeIfAbsent(event.collection(), c -> new LinkedHashMap<>())
                    .computeIfAbsent(event.documentId(), id -> new ArrayList<>()).add(event.eventId());
        }
        List<String> eventIds = new ArrayList<>(acknowledged.size());
        for (var collection : byCollection.entrySet()) {
            BulkOperations writes = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, collection.getKey());
            for (var document : collection.getValue().entrySet()) {
                writes.updateOne(Query.query(Criteria.where("_id").is(document.getKey())),
                        new Update().pull(MESSAGES, new Document("eventId", new Document("$in", document.getValue()))));
                eventIds.addAll(document.getValue());
            }
            writes.execute();
            meters.published(collection.getKey(), collection.getValue().values().stream().mapToInt(List::size).sum());
        }
        pending.delete(eventIds);
        lastSuccess.set(clock.instant());
    }

    /** When events were last acknowledged, or null. */
    Instant lastSuccess() {
        return lastSuccess.get();
    }
}
