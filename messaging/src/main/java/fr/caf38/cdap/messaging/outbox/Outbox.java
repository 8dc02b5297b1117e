package fr.caf38.cdap.messaging.outbox;

import fr.caf38.cdap.events.Event;
import fr.caf38.cdap.messaging.codec.EventCodec;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;

/**
 * Stores events to publish in the same document as the change that causes them: a single-document
 * write is atomic, so the change and its events are kept or lost together, with no transaction.
 * The {@link OutboxRelay} publishes them afterwards and removes them once Kafka acknowledged them.
 *
 * <p>Rule for callers: a document that carries an outbox is only ever changed through targeted
 * updates ({@code $set}, {@code $push}...) after its insert, never replaced whole, so neither side
 * overwrites the other's fields.
 */
public class Outbox {
    private final MongoTemplate mongo;
    private final EventCodec codec;
    private final OutboxRelay relay;
    private final Clock clock;

    public Outbox(MongoTemplate mongo, EventCodec codec, OutboxRelay relay, Clock clock) {
        this.mongo = mongo;
        this.codec = codec;
        this.relay = relay;
        this.clock = clock;
    }

    /**
     * Inserts the entity with its events in one write, then wakes the relay. Throws Spring's
     * {@code DuplicateKeyException} when a unique index refuses the document (nothing is stored).
     */
    public <T> T insert(T entity, Event... events) {
        return insert(mongo.getCollectionName(entity.getClass()), entity, events);
    }

    /** As {@link #insert(Object, Event...)}, into the named collection. */
    public <T> T insert(String collection, T entity, Event... events) {
        Document document = new Document();
        mongo.getConverter().write(entity, document);
        if (events.length > 0) {
            Instant now = clock.instant();
            document.append(OutboxFields.MESSAGES, messages(now, events))
                    .append(OutboxFields.PENDING, true)
                    .append(OutboxFields.SINCE, Date.from(now));
        }
        mongo.insert(document, collection);
        if (events.length > 0) {
            relay.wake(collection, document.get("_id"));
        }
        return entity;
    }

    /**
     * Adds the events to a targeted update of an aggregate: they are stored by the same write as the
     * change. Call {@link #written(Class, Object)} once the update succeeded.
     */
    public Update withEvents(Update update, Event... events) {
        Instant now = clock.instant();
        return update.push(OutboxFields.MESSAGES).each(messages(now, events).toArray())
                .set(OutboxFields.PENDING, true)
                .min(OutboxFields.SINCE, Date.from(now));
    }

    /**
     * Tells the relay that events were just stored in this document, so they are published now,
     * through the document's _id.
     */
    public void written(Class<?> entityClass, Object id) {
        relay.wake(mongo.getCollectionName(entityClass), id);
    }

    /** Tells the relay that events were just stored somewhere: it sweeps the collections soon. */
    public void written() {
        relay.wake();
    }

    private List<Document> messages(Instant now, Event... events) {
        return Arrays.stream(events).map(event -> OutboxMessage.of(event, codec, now).toDocument()).toList();
    }
}
