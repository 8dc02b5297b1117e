package fr.caf38.cdap.messaging.outbox;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.model.InsertManyOptions;
import fr.caf38.cdap.events.Event;
import fr.caf38.cdap.messaging.codec.EventCodec;
import fr.caf38.cdap.messaging.store.CollectionIndexes;
import fr.caf38.cdap.messaging.store.IndexedStore;
import fr.caf38.cdap.messaging.tracing.EventTraces;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static fr.caf38.cdap.messaging.outbox.OutboxFields.MESSAGES;

/**
 * Stores events to publish in the same document as the change that causes them: a single-document
 * write is atomic, so the change and its events are kept or lost together, with no transaction.
 * The writer then hands the events to the {@link OutboxRelay} in memory; the relay publishes them
 * and removes them from their document by _id once Kafka acknowledged them.
 *
 * <p>Every write here names its documents by key: an insert, or an update whose filter is exactly
 * {@code {_id}}. Before the aggregate's write, one entry per event is inserted into the pending
 * collection ({@link PendingEvents}): that is how a recovery sweep finds what a crash left, without
 * reading the aggregates.
 *
 * <p>Rule for callers: a document that carries an outbox is only ever changed through targeted
 * updates ({@code $set}, {@code $push}...) after its insert, never replaced whole, so neither side
 * overwrites the other's fields.
 */
public class Outbox implements IndexedStore {
    private static final int DUPLICATE_KEY = 11000;

    private final MongoTemplate mongo;
    private final EventCodec codec;
    private final OutboxRelay relay;
    private final Clock clock;
    private final PendingEvents pending;
    private final EventTraces traces;

    public Outbox(MongoTemplate mongo, EventCodec codec, OutboxRelay relay, Clock clock) {
        this(mongo, codec, relay, clock, EventTraces.NONE);
    }

    public Outbox(MongoTemplate mongo, EventCodec codec, OutboxRelay relay, Clock clock, EventTraces traces) {
        this.traces = traces;
        this.mongo = mongo;
        this.codec = codec;
        this.relay = relay;
        this.clock = clock;
        this.pending = new PendingEvents(mongo);
    }

    /** The pending entries' index, for the recovery sweep's claim. */
    @Override
    public List<CollectionIndexes> indexes() {
        return List.of(pending.indexes());
    }

    /** An aggregate to insert and the events its insert causes. */
    public record Insert<T>(T entity, List<Event> events) {
        public Insert {
            events = List.copyOf(events);
        }

        public static <T> Insert<T> of(T entity, Event... events) {
            return new Insert<>(entity, Arrays.asList(events));
        }
    }

    /** A targeted update of the document with this _id, and the events it causes. */
    public record IdUpdate(Object id, Update update, List<Event> events) {
        public IdUpdate {
            events = List.copyOf(events);
        }

        public static IdUpdate of(Object id, Update update, Event... events) {
            return new IdUpdate(id, update, Arrays.asList(events));
        }
    }

    /**
     * Inserts the entity with its events in one write, then hands them to the relay. Throws Spring's
     * {@code DuplicateKeyException} when a unique index refuses the document (nothing is stored).
     */
    public <T> T insert(T entity, Event... events) {
        return insert(mongo.getCollectionName(entity.getClass()), entity, events);
    }

    /** As {@link #insert(Object, Event...)}, into the named collection. */
    public <T> T insert(String collection, T entity, Event... events) {
        Set<Integer> refused = insertAll(collection, List.of(Insert.of(entity, events)));
        if (!refused.isEmpty()) {
            throw new DuplicateKeyException("Document refused by a unique index of " + collection);
        }
        return entity;
    }

    /**
     * Inserts many aggregates with their events: one insert of their pending entries, one unordered
     * insert of the documents, then the relay. Returns the positions (in {@code inserts}) of the
     * documents a unique index refused: those are not stored and their events are forgotten; every
     * other one is stored. Any other store error is thrown.
     */
    public <T> Set<Integer> insertAll(String collection, List<Insert<T>> inserts) {
        if (inserts.isEmpty()) {
            return Set.of();
        }
        Instant now = clock.instant();
        List<Document> documents = new ArrayList<>(inserts.size());
        List<List<OutboxMessage>> messages = new ArrayList<>(inserts.size());
        List<Document> entries = new ArrayList<>();
        for (Insert<T> insert : inserts) {
            Document document = new Document();
            mongo.getConverter().write(insert.entity(), document);
            List<OutboxMessage> own = messages(insert.events(), now);
            if (!own.isEmpty()) {
                document.append(MESSAGES, own.stream().map(OutboxMessage::toDocument).toList());
                own.forEach(m -> entries.add(PendingEvents.entry(m.eventId(), collection, document.get("_id"))));
            }
            documents.add(document);
            messages.add(own);
        }
        pending.record(entries, relay.owner(), now.plus(relay.lease()), now);
        Set<Integer> refused = new TreeSet<>();
        try {
            mongo.getCollection(collection).insertMany(documents, new InsertManyOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            for (BulkWriteError error : e.getWriteErrors()) {
                if (error.getCode() != DUPLICATE_KEY) {
                    throw e;
                }
                refused.add(error.getIndex());
            }
        }
        List<String> forgotten = new ArrayList<>();
        for (int i = 0; i < documents.size(); i++) {
            if (refused.contains(i)) {
                messages.get(i).forEach(m -> forgotten.add(m.eventId()));
            } else if (!messages.get(i).isEmpty()) {
                relay.handOff(collection, documents.get(i).get("_id"), messages.get(i));
            }
        }
        pending.delete(forgotten);
        return refused;
    }

    /**
     * One targeted update of the document with this _id, with its events stored by the same write.
     * Returns whether a document matched (when none did, nothing was stored).
     */
    public boolean updateById(Class<?> entityClass, Object id, Update update, Event... events) {
        return updateAllById(entityClass, List.of(IdUpdate.of(id, update, events))).isEmpty();
    }

    /** As {@link #updateById(Class, Object, Update, Event...)}, for a collection without entity class. */
    public boolean updateById(String collection, Object id, Update update, Event... events) {
        return updateAllById(null, collection, List.of(IdUpdate.of(id, update, events))).isEmpty();
    }

    /** As {@link #updateAllById(Class, String, List)}, in the entity class's collection. */
    public Set<Object> updateAllById(Class<?> entityClass, List<IdUpdate> updates) {
        return updateAllById(entityClass, mongo.getCollectionName(entityClass), updates);
    }

    /**
     * Many targeted updates, each of the document with its _id and storing its events with it: one
     * insert of the pending entries, one unordered bulk write. Returns the _ids that matched no
     * document (nothing was stored for them).
     */
    public Set<Object> updateAllById(Class<?> entityClass, String collection, List<IdUpdate> updates) {
        if (updates.isEmpty()) {
            return Set.of();
        }
        Instant now = clock.instant();
        Map<Object, List<OutboxMessage>> messagesById = new LinkedHashMap<>();
        List<Document> entries = new ArrayList<>();
        BulkOperations writes = entityClass == null ? mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, collection)
                : mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, entityClass, collection);
        for (IdUpdate idUpdate : updates) {
            Object id = mongo.getConverter().convertToMongoType(idUpdate.id());
            List<OutboxMessage> own = messages(idUpdate.events(), now);
            Update update = idUpdate.update();
            if (!own.isEmpty()) {
                update = copy(update).push(MESSAGES).each(own.stream().map(OutboxMessage::toDocument).toArray());
                own.forEach(m -> entries.add(PendingEvents.entry(m.eventId(), collection, id)));
                messagesById.computeIfAbsent(id, key -> new ArrayList<>()).addAll(own);
            }
            writes.updateOne(Query.query(Criteria.where("_id").is(id)), update);
        }
        pending.record(entries, relay.owner(), now.plus(relay.lease()), now);
        var result = writes.execute();
        Set<Object> unmatched = Set.of();
        if (result.getMatchedCount() < updates.size()) {
            unmatched = unmatched(collection, updates);
        }
        List<String> forgotten = new ArrayList<>();
        for (var entry : messagesById.entrySet()) {
            if (unmatched.contains(entry.getKey())) {
                entry.getValue().forEach(m -> forgotten.add(m.eventId()));
            } else {
                relay.handOff(collection, entry.getKey(), entry.getValue());
            }
        }
        pending.delete(forgotten);
        return unmatched;
    }

    /** The _ids of these updates that name no document: one read by key. */
    private Set<Object> unmatched(String collection, List<IdUpdate> updates) {
        Set<Object> ids = new HashSet<>();
        updates.forEach(update -> ids.add(mongo.getConverter().convertToMongoType(update.id())));
        Set<Object> found = new HashSet<>();
        mongo.getCollection(collection).find(new Document("_id", new Document("$in", List.copyOf(ids))))
                .projection(new Document("_id", 1)).forEach(document -> found.add(document.get("_id")));
        ids.removeAll(found);
        return ids;
    }

    private static Update copy(Update update) {
        return Update.fromDocument(new Document(update.getUpdateObject()));
    }

    private List<OutboxMessage> messages(List<Event> events, Instant now) {
        return events.stream().map(event -> OutboxMessage.of(event, codec, now, traces.traceparentFor(event))).toList();
    }
}
