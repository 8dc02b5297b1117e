package fr.caf38.cdap.messaging.outbox;

import fr.caf38.cdap.messaging.tracing.EventTraces;
import fr.caf38.cdap.messaging.worker.WakeableWorker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static fr.caf38.cdap.events.EventHeaders.EVENT_ID;
import static fr.caf38.cdap.events.EventHeaders.EVENT_TYPE;
import static fr.caf38.cdap.events.EventHeaders.SCHEMA_VERSION;
import static fr.caf38.cdap.messaging.outbox.OutboxFields.MESSAGES;

/**
 * Publishes the events stored by {@link Outbox}, off the request and consumer threads.
 *
 * <p>The normal path costs what it publishes and reads nothing: writers hand their events over in
 * memory right after the write; the relay sends them as one Kafka batch ({@code acks=all}), waits
 * for the acknowledgements, then removes them from their documents with one bulk write of
 * {@code $pull} by _id and deletes their pending entries by key. A failed publication keeps the
 * events in memory and tries again after {@code retryDelay}.
 *
 * <p>The recovery sweep (at start-up, then every {@code sweepInterval}) finds what a crash, another
 * instance's death or an overflow of memory left behind, through the pending entries
 * ({@link PendingEvents}) whose lease lapsed (a writer holds its entries for {@code lease}); it claims
 * them with a lease, so two instances
 * never publish the same pending event at the same time, and reads their documents by _id. At
 * start-up it also scans the collections once, for events stored before pending entries existed.
 * Delivery is at least once: consumers drop duplicates by event id.
 */
public class OutboxRelay implements SmartLifecycle, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final MongoTemplate mongo;
    private final Producer<String, byte[]> producer;
    private final OutboxProperties properties;
    private final Clock clock;
    private final MeterRegistry meters;
    private final PendingEvents pending;
    private final String owner = UUID.randomUUID().toString();
    private final WakeableWorker worker;

    /** Events handed over by this instance's writers, oldest first, not yet acknowledged. */
    private final ConcurrentLinkedDeque<Handed> queue = new ConcurrentLinkedDeque<>();
    /** The event ids in {@link #queue} or being published: the sweep leaves them to this path. */
    private final Set<String> inMemory = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicLong> inMemoryPerCollection = new ConcurrentHashMap<>();
    /** Pending events the last sweep found and could not publish, per collection. */
    private final Map<String, Long> leftBySweep = new ConcurrentHashMap<>();
    private final AtomicBoolean sweepRequested = new AtomicBoolean(true);
    private volatile boolean scannedAtStartUp;
    private volatile long lastSweep;
    private volatile long retryAfter;
    private final AtomicReference<Instant> lastSuccess = new AtomicReference<>();
    private final AtomicReference<String> lastError = new AtomicReference<>();

    public OutboxRelay(MongoTemplate mongo, Producer<String, byte[]> producer, OutboxProperties properties,
                       Clock clock, MeterRegistry meters) {
        this.mongo = mongo;
        this.producer = producer;
        this.properties = properties;
        this.clock = clock;
        this.meters = meters;
        this.pending = new PendingEvents(mongo);
        this.worker = new WakeableWorker("outbox-relay", properties.interval(), this::drain);
    }

    /** An event to publish, the document that holds it, and when this instance got it. */
    private record Handed(String collection, Object documentId, OutboxMessage message, long handedAt) {
    }

    /**
     * Takes events just stored in a document, to publish them now. Beyond {@code maxInMemory} events
     * waiting (a long broker outage) they are left to the sweep, which finds them by their pending
     * entries.
     */
    void handOff(String collection, Object documentId, List<OutboxMessage> messages) {
        if (inMemory.size() + messages.size() > properties.maxInMemory()) {
            return;
        }
        long now = System.nanoTime();
        for (OutboxMessage message : messages) {
            if (inMemory.add(message.eventId())) {
                queue.add(new Handed(collection, documentId, message, now));
                counter(collection).incrementAndGet();
            }
        }
        worker.wake();
    }

    /** Asks for a sweep as soon as possible. */
    public void wake() {
        sweepRequested.set(true);
        worker.wake();
    }

    /**
     * Publishes what was handed over (until a publication fails), then, when a sweep is due, what
     * the pending entries show was left behind; returns the number of events published.
     */
    public synchronized int drain() {
        int total = 0;
        if (System.nanoTime() - retryAfter >= 0) {
            List<Handed> batch;
            while (!(batch = take(properties.batchSize())).isEmpty()) {
                List<Handed> failed = publish(batch);
                total += batch.size() - failed.size();
                if (!failed.isEmpty()) {
                    for (int i = failed.size() - 1; i >= 0; i--) {
                        queue.addFirst(failed.get(i));
                    }
                    retryAfter = System.nanoTime() + properties.retryDelay().toNanos();
                    break;
                }
            }
        }
        long now = System.nanoTime();
        if (sweepRequested.getAndSet(false) || now - lastSweep >= properties.sweepInterval().toNanos()) {
            lastSweep = now;
            total += sweep();
        }
        return total;
    }

    private List<Handed> take(int limit) {
        List<Handed> batch = new ArrayList<>();
        Handed next;
        while (batch.size() < limit && (next = queue.poll()) != null) {
            batch.add(next);
        }
        return batch;
    }

    /**
     * Sends one batch, waits for the acknowledgements and acknowledges in the store what Kafka
     * acknowledged; returns what failed, oldest first.
     */
    private List<Handed> publish(List<Handed> batch) {
        List<Future<RecordMetadata>> sends = new ArrayList<>(batch.size());
        for (Handed handed : batch) {
            sends.add(send(handed.message()));
        }
        producer.flush();
        long deadline = System.nanoTime() + properties.sendTimeout().toNanos();
        List<Handed> acknowledged = new ArrayList<>(batch.size());
        List<Handed> failed = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            (acknowledged(sends.get(i), deadline) ? acknowledged : failed).add(batch.get(i));
        }
        if (!acknowledged.isEmpty()) {
            acknowledge(acknowledged);
            for (Handed handed : acknowledged) {
                if (inMemory.remove(handed.message().eventId())) {
                    counter(handed.collection()).decrementAndGet();
                }
            }
        }
        if (!failed.isEmpty()) {
            failed.stream().map(Handed::collection).distinct()
                    .forEach(collection -> count("outbox.publish.failures", collection,
                            (int) failed.stream().filter(h -> h.collection().equals(collection)).count()));
        }
        return failed;
    }

    /** Removes acknowledged events from their documents (one bulk write per collection) and their pending entries. */
    private void acknowledge(List<Handed> acknowledged) {
        Map<String, Map<Object, List<String>>> byCollection = new LinkedHashMap<>();
        for (Handed handed : acknowledged) {
            byCollection.computeIfAbsent(handed.collection(), c -> new LinkedHashMap<>())
                    .computeIfAbsent(handed.documentId(), id -> new ArrayList<>()).add(handed.message().eventId());
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
            count("outbox.published", collection.getKey(),
                    collection.getValue().values().stream().mapToInt(List::size).sum());
        }
        pending.delete(eventIds);
        lastSuccess.set(clock.instant());
    }

    /**
     * Publishes what the pending entries show was left behind, oldest first, claimed with a lease:
     * events another instance stored and never acknowledged, events this instance could not keep in
     * memory, events stored before a crash. Returns the number published.
     */
    int sweep() {
        if (!scannedAtStartUp) {
            scanAtStartUp();
        }
        int total = 0;
        Map<String, Long> left = new HashMap<>();
        while (true) {
            Instant now = clock.instant();
            List<PendingEvents.Entry> claimed = pending.claim(now, owner, now.plus(properties.lease()),
                    properties.batchSize());
            List<PendingEvents.Entry> mine = claimed.stream().filter(e -> !inMemory.contains(e.eventId())).toList();
            if (mine.isEmpty()) {
                break;
            }
            List<Handed> found = new ArrayList<>();
            List<String> vanished = new ArrayList<>();
            resolve(mine, found, vanished);
            pending.delete(vanished);
            List<Handed> failed = found.isEmpty() ? List.of() : publish(found);
            total += found.size() - failed.size();
            if (!failed.isEmpty()) {
                pending.release(failed.stream().map(h -> h.message().eventId()).toList(),
                        clock.instant().plus(properties.retryDelay()));
                failed.forEach(h -> left.merge(h.collection(), 1L, Long::sum));
                break;
            }
            if (claimed.size() < properties.batchSize()) {
                break;
            }
        }
        leftBySweep.clear();
        leftBySweep.putAll(left);
        if (total > 0) {
            log.info("Outbox sweep published {} event(s) left behind", total);
        }
        return total;
    }

    /** Reads the claimed entries' documents by _id: their events, or the entries whose event is gone. */
    private void resolve(List<PendingEvents.Entry> entries, List<Handed> found, List<String> vanished) {
        Map<String, List<PendingEvents.Entry>> byCollection = new LinkedHashMap<>();
        entries.forEach(e -> byCollection.computeIfAbsent(e.collection(), c -> new ArrayList<>()).add(e));
        long now = System.nanoTime();
        for (var collection : byCollection.entrySet()) {
            List<Object> ids = collection.getValue().stream().map(PendingEvents.Entry::documentId).distinct().toList();
            Query query = Query.query(Criteria.where("_id").in(ids));
            query.fields().include(MESSAGES);
            Map<String, Handed> messages = new HashMap<>();
            for (Document document : mongo.find(query, Document.class, collection.getKey())) {
                for (Document message : document.getList(MESSAGES, Document.class, List.of())) {
                    OutboxMessage outboxMessage = OutboxMessage.fromDocument(message);
                    messages.put(outboxMessage.eventId(),
                            new Handed(collection.getKey(), document.get("_id"), outboxMessage, now));
                }
            }
            for (PendingEvents.Entry entry : collection.getValue()) {
                Handed handed = messages.get(entry.eventId());
                if (handed == null) {
                    vanished.add(entry.eventId());
                } else {
                    found.add(handed);
                }
            }
        }
        found.sort(java.util.Comparator.comparing(h -> h.message().createdAt()));
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

    private Future<RecordMetadata> send(OutboxMessage message) {
        var record = new ProducerRecord<>(message.topic(), message.key(),
                message.payload().getBytes(StandardCharsets.UTF_8));
        record.headers().add(new RecordHeader(EVENT_TYPE, message.eventType().getBytes(StandardCharsets.UTF_8)));
        record.headers().add(new RecordHeader(SCHEMA_VERSION,
                Integer.toString(message.schemaVersion()).getBytes(StandardCharsets.UTF_8)));
        record.headers().add(new RecordHeader(EVENT_ID, message.eventId().getBytes(StandardCharsets.UTF_8)));
        if (message.traceparent() != null) {
            record.headers().add(new RecordHeader(EventTraces.HEADER, message.traceparent().getBytes(StandardCharsets.UTF_8)));
        }
        try {
            return producer.send(record);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private boolean acknowledged(Future<RecordMetadata> future, long deadline) {
        try {
            future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            String message = e.getCause() != null ? e.getCause().toString() : e.toString();
            if (!message.equals(lastError.getAndSet(message))) {
                log.warn("Outbox publication failed, will retry: {}", message);
            }
            return false;
        }
    }

    private AtomicLong counter(String collection) {
        return inMemoryPerCollection.computeIfAbsent(collection, c -> new AtomicLong());
    }

    /**
     * Events of one collection stored and not yet acknowledged, as this instance knows them: those
     * handed to it, and those its last sweep found and could not publish. Read from memory.
     */
    public long pending(String collection) {
        return counter(collection).get() + leftBySweep.getOrDefault(collection, 0L);
    }

    /** Age of the oldest event of one collection waiting in this instance's memory, zero when none waits. */
    public Duration oldestPendingAge(String collection) {
        for (Handed handed : queue) {
            if (handed.collection().equals(collection)) {
                return Duration.ofNanos(Math.max(0, System.nanoTime() - handed.handedAt()));
            }
        }
        return Duration.ZERO;
    }

    /** When the relay last had events acknowledged by Kafka, or null. */
    public Instant lastSuccess() {
        return lastSuccess.get();
    }

    /** The last publication error seen, or null. */
    public String lastError() {
        return lastError.get();
    }

    private void count(String name, String collection, int amount) {
        if (meters != null && amount > 0) {
            Counter.builder(name).tag("collection", collection).register(meters).increment(amount);
        }
    }

    @Override
    public void start() {
        if (worker.isRunning()) {
            return;
        }
        try {
            pending.createIndex();
        } catch (RuntimeException e) {
            log.info("Index on {} not created ({}); the sweep still works without it", PendingEvents.COLLECTION,
                    e.toString());
        }
        if (meters != null) {
            for (String collection : properties.collections()) {
                Gauge.builder("outbox.pending", this, relay -> relay.pending(collection))
                        .tag("collection", collection).description("events waiting to be published")
                        .register(meters);
                Gauge.builder("outbox.oldest.pending.age", this, relay -> relay.oldestPendingAge(collection).toMillis() / 1000.0)
                        .tag("collection", collection).baseUnit("seconds")
                        .description("age of the oldest event waiting to be published").register(meters);
            }
        }
        sweepRequested.set(true);
        worker.start();
    }

    /** Stops running; can be started again (Spring pauses and restarts contexts), the producer stays open. */
    @Override
    public void stop() {
        worker.stop(properties.sendTimeout());
    }

    /** Releases the Kafka producer when the application closes. */
    @Override
    public void close() {
        stop();
        producer.close(Duration.ofSeconds(5));
    }

    @Override
    public boolean isRunning() {
        return worker.isRunning();
    }

    /** This instance's name in the pending entries it holds. */
    String owner() {
        return owner;
    }

    /** How long a writer's pending entry is held before another instance's sweep may take it. */
    Duration lease() {
        return properties.lease();
    }

    /** Whether this start's one full read of the collections is done (tests wait for it before recording). */
    public boolean scannedAtStartUp() {
        return scannedAtStartUp;
    }

    /** For tests: events of these ids are still held in memory. */
    boolean holds(Collection<String> eventIds) {
        return eventIds.stream().anyMatch(inMemory::contains);
    }
}
