package fr.caf38.cdap.messaging.outbox;

import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static fr.caf38.cdap.messaging.outbox.OutboxFields.MESSAGES;

/**
 * Publishes what the pending entries ({@link PendingEvents}) show was left behind: events another
 * instance stored and never acknowledged, events this instance could not keep in memory, events
 * stored before a crash. It claims entries whose lease lapsed, with a lease of its own, so two
 * instances never publish the same pending event at the same time, skips those this instance still
 * holds in memory, and reads their documents by _id. At its first run it also scans the collections
 * once, for events stored before pending entries existed.
 */
final class RecoverySweep {
    private static final Logger log = LoggerFactory.getLogger(RecoverySweep.class);

    private final MongoTemplate mongo;
    private final PendingEvents pending;
    private final HandOffQueue queue;
    private final Publication publication;
    private final OutboxProperties properties;
    private final Clock clock;
    private final String owner;
    /** Pending events the last sweep found and could not publish, per collection. */
    private final Map<String, Long> left = new ConcurrentHashMap<>();
    private volatile boolean scannedAtStartUp;

    RecoverySweep(MongoTemplate mongo, PendingEvents pending, HandOffQueue queue, Publication publication,
                  OutboxProperties properties, Clock clock, String owner) {
        this.mongo = mongo;
        this.pending = pending;
        this.queue = queue;
        this.publication = publication;
        this.properties = properties;
        this.clock = clock;
        this.owner = owner;
    }

    /** One sweep, oldest first, until nothing lapsed is left or a publication fails; returns the number published. */
    int run() {
        if (!scannedAtStartUp) {
            scanAtStartUp();
        }
        int total = 0;
        Map<String, Long> unpublished = new HashMap<>();
        while (true) {
            Instant now = clock.instant();
            List<PendingEvents.Entry> claimed = pending.claim(now, owner, now.plus(properties.lease()),
                    properties.batchSize());
            List<PendingEvents.Entry> mine = claimed.stream().filter(e -> !queue.holds(e.eventId())).toList();
            if (mine.isEmpty()) {
                break;
            }
            List<HandedEvent> found = new ArrayList<>();
            List<String> vanished = new ArrayList<>();
            resolve(mine, found, vanished);
            pending.delete(vanished);
            List<HandedEvent> failed = found.isEmpty() ? List.of() : publication.publish(found);
            total += found.size() - failed.size();
            if (!failed.isEmpty()) {
                pending.release(failed.stream().map(HandedEvent::eventId).toList(),
                        clock.instant().plus(properties.retryDelay()));
                failed.forEach(event -> unpublished.merge(event.collection(), 1L, Long::sum));
                break;
            }
            if (claimed.size() < properties.batchSize()) {
                break;
            }
        }
        left.clear();
        left.putAll(unpublished);
        if (total > 0) {
            log.info("Outbox sweep published {} event(s) left behind", total);
        }
        return total;
    }

    /** Events of one collection the last sweep found and could not publish. */
    long left(String collection) {
        return left.getOrDefault(collection, 0L);
    }

    boolean scannedAtStartUp() {
        return scannedAtStartUp;
    }

    /** Reads the claimed entries' documents by _id: their events, or the entries whose event is gone. */
    private void resolve(List<PendingEvents.Entry> entries, List<HandedEvent> found, List<String> vanished) {
        Map<String, List<PendingEvents.Entry>> byCollection = new LinkedHashMap<>();
        entries.forEach(e -> byCollection.computeIfAbsent(e.collection(), c -> new ArrayList<>()).add(e));
        long now = System.nanoTime();
        for (var collection : byCollection.entrySet()) {
            List<Object> ids = collection.getValue().stream().map(PendingEvents.Entry::documentId).distinct().toList();
            Query query = Query.query(Criteria.where("_id").in(ids));
            query.fields().include(MESSAGES);
            Map<String, HandedEvent> messages = new HashMap<>();
            for (Document document : mongo.find(query, Document.class, collection.getKey())) {
                for (Document message : document.getList(MESSAGES, Document.class, List.of())) {
                    OutboxMessage outboxMessage = OutboxMessage.fromDocument(message);
                    messages.put(outboxMessage.eventId(),
                            new HandedEvent(collection.getKey(), document.get("_id"), outboxMessage, now));
                }
            }
            for (PendingEvents.Entry entry : collection.getValue()) {
                HandedEvent event = messages.get(entry.eventId());
                if (event == null) {
                    vanished.add(entry.eventId());
                } else {
                    found.add(event);
                }
            }
        }
        found.sort(Comparator.comparing(event -> event.message().createdAt()));
    }

    /**
     * Once per start: gives every event still stored in a document a pending entry, for documents
     * written before pending entries existed (or by a writer that died between the two writes of
     * an older version). The one full read of the collections, off the request path.
     */
    private void scanAtStartUp() {
        Instant now = clock.instant();
        for (String collection : properties.collections()) {
            Query query = Query.query(Criteria.where(MESSAGES + ".0").exists(true));
            query.fields().include(MESSAGES);
            List<Document> entries = new ArrayList<>();
            for (Document document : mongo.find(query, Document.class, collection)) {
                for (Document message : document.getList(MESSAGES, Document.class, List.of())) {
                    OutboxMessage outboxMessage = OutboxMessage.fromDocument(message);
                    // Held by nobody, so the sweep takes them at once.
                    entries.add(PendingEvents.entry(outboxMessage.eventId(), collection, document.get("_id")));
                }
            }
            pending.recordMissing(entries, now);
        }
        scannedAtStartUp = true;
    }
}
