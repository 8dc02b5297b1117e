package fr.caf38.cdap.messaging.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import fr.caf38.cdap.messaging.worker.WakeableWorker;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static fr.caf38.cdap.events.EventHeaders.EVENT_ID;
import static fr.caf38.cdap.events.EventHeaders.EVENT_TYPE;
import static fr.caf38.cdap.events.EventHeaders.SCHEMA_VERSION;
import static fr.caf38.cdap.messaging.outbox.OutboxFields.ATTEMPTS;
import static fr.caf38.cdap.messaging.outbox.OutboxFields.CLAIM;
import static fr.caf38.cdap.messaging.outbox.OutboxFields.LEASE_UNTIL;
import static fr.caf38.cdap.messaging.outbox.OutboxFields.MESSAGES;
import static fr.caf38.cdap.messaging.outbox.OutboxFields.PENDING;
import static fr.caf38.cdap.messaging.outbox.OutboxFields.SINCE;

/**
 * Publishes the events stored by {@link Outbox}, off the request and consumer threads.
 *
 * <p>Each run claims a batch of documents atomically (a claim token and a lease), so two instances
 * never publish the same pending event at the same time; sends every event of the batch (oldest
 * first, {@code acks=all}); waits for the broker's acknowledgements; and only then removes the
 * acknowledged events from their documents. A broker outage or a crash leaves the events in place:
 * they are published by a later run (at least once — consumers drop duplicates by event id).
 * The relay runs when woken after a write and on a fixed schedule.
 */
public class OutboxRelay implements SmartLifecycle, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final MongoTemplate mongo;
    private final Producer<String, byte[]> producer;
    private final OutboxProperties properties;
    private final Clock clock;
    private final MeterRegistry meters;
    /** Documents just written by this instance: published through their _id, without a collection scan. */
    private final java.util.concurrent.ConcurrentLinkedQueue<Hint> hints = new java.util.concurrent.ConcurrentLinkedQueue<>();
    /** Set when a full sweep of the collections is due (timer, or a write whose document is not named). */
    private final AtomicBoolean sweepRequested = new AtomicBoolean(true);
    private volatile long lastSweep;
    private final AtomicReference<Instant> lastSuccess = new AtomicReference<>();
    private final AtomicReference<String> lastError = new AtomicReference<>();
    private final WakeableWorker worker;

    public OutboxRelay(MongoTemplate mongo, Producer<String, byte[]> producer, OutboxProperties properties,
                       Clock clock, MeterRegistry meters) {
        this.mongo = mongo;
        this.producer = producer;
        this.properties = properties;
        this.clock = clock;
        this.meters = meters;
        this.worker = new WakeableWorker("outbox-relay", properties.interval(), this::drain);
    }

    private record Hint(String collection, Object id) {
    }

    /** Asks for a run as soon as possible, for the given document just written (the fast path). */
    public void wake(String collection, Object id) {
        hints.add(new Hint(collection, id));
        schedule();
    }

    /** Asks for a run as soon as possible, sweeping every collection (the slow path). */
    public void wake() {
        sweepRequested.set(true);
        schedule();
    }

    private void schedule() {
        worker.wake();
    }

    /**
     * Publishes what was hinted, then, when a sweep is due, everything left to claim (until a run
     * fails); returns the number of events published.
     */
    public int drain() {
        int total = drainHints();
        long now = System.nanoTime();
        if (sweepRequested.getAndSet(false) || now - lastSweep >= properties.sweepInterval().toNanos()) {
            lastSweep = now;
            for (String collection : properties.collections()) {
                int published;
                do {
                    published = runOnce(collection, null);
                    total += Math.max(published, 0);
                } while (published >= properties.batchSize());
            }
        }
        return total;
    }

    /** The fast path: documents named by their writers, claimed through their _id (an index on any store). */
    private int drainHints() {
        int total = 0;
        Map<String, List<Object>> batch = new LinkedHashMap<>();
        Hint hint;
        while ((hint = hints.poll()) != null) {
            List<Object> ids = batch.computeIfAbsent(hint.collection(), collection -> new ArrayList<>());
            ids.add(hint.id());
            if (ids.size() >= properties.batchSize()) {
                total += Math.max(runOnce(hint.collection(), batch.remove(hint.collection())), 0);
            }
        }
        for (var entry : batch.entrySet()) {
            total += Math.max(runOnce(entry.getKey(), entry.getValue()), 0);
        }
        return total;
    }

    /**
     * One claim–publish–acknowledge cycle on one collection, for the given documents or, when null,
     * for the oldest pending ones (a scan); -1 when the publication failed.
     */
    int runOnce(String collection, List<Object> hinted) {
        Instant now = clock.instant();
        List<Object> ids = hinted != null ? hinted
                : mongo.find(claimable(now).limit(properties.batchSize()), Document.class, collection)
                .stream().map(document -> document.get("_id")).toList();
        if (ids.isEmpty()) {
            return 0;
        }
        String token = UUID.randomUUID().toString();
        mongo.updateMulti(claimable(now).addCriteria(Criteria.where("_id").in(ids)),
                new Update().set(CLAIM, token).set(LEASE_UNTIL, Date.from(now.plus(properties.lease()))), collection);
        Query claimedQuery = Query.query(Criteria.where("_id").in(ids).and(CLAIM).is(token)).with(Sort.by(SINCE));
        List<Document> claimed = mongo.find(claimedQuery, Document.class, collection);
        if (claimed.isEmpty()) {
            return 0;
        }
        Map<Object, List<Future<RecordMetadata>>> sends = new LinkedHashMap<>();
        Map<Object, List<String>> eventIds = new LinkedHashMap<>();
        for (Document document : claimed) {
            List<Future<RecordMetadata>> futures = new ArrayList<>();
            List<String> ids2 = new ArrayList<>();
            for (Document message : document.getList(MESSAGES, Document.class, List.of())) {
                OutboxMessage outboxMessage = OutboxMessage.fromDocument(message);
                futures.add(send(outboxMessage));
                ids2.add(outboxMessage.eventId());
            }
            sends.put(document.get("_id"), futures);
            eventIds.put(document.get("_id"), ids2);
        }
        producer.flush();
        List<Object> done = new ArrayList<>();
        List<String> published = new ArrayList<>();
        List<Object> failed = new ArrayList<>();
        long deadline = System.nanoTime() + properties.sendTimeout().toNanos();
        for (var entry : sends.entrySet()) {
            if (acknowledged(entry.getValue(), deadline)) {
                done.add(entry.getKey());
                published.addAll(eventIds.get(entry.getKey()));
            } else {
                failed.add(entry.getKey());
            }
        }
        if (!done.isEmpty()) {
            Criteria mine = Criteria.where("_id").in(done).and(CLAIM).is(token);
            mongo.updateMulti(Query.query(mine),
                    new Update().pull(MESSAGES, Query.query(Criteria.where("eventId").in(published)).getQueryObject())
                            .unset(CLAIM).unset(LEASE_UNTIL).unset(ATTEMPTS), collection);
            // Cleared only if no event was added meanwhile: a writer that pushes sets PENDING again itself.
            mongo.updateMulti(Query.query(Criteria.where("_id").in(done).and(MESSAGES).size(0)),
                    new Update().set(PENDING, false).unset(SINCE), collection);
            lastSuccess.set(clock.instant());
            count("outbox.published", collection, published.size());
        }
        if (!failed.isEmpty()) {
            mongo.updateMulti(Query.query(Criteria.where("_id").in(failed).and(CLAIM).is(token)),
                    new Update().unset(CLAIM).set(LEASE_UNTIL, Date.from(clock.instant().plus(properties.retryDelay())))
                            .inc(ATTEMPTS, 1), collection);
            count("outbox.publish.failures", collection, failed.size());
            return -1;
        }
        return published.size();
    }

    private Future<RecordMetadata> send(OutboxMessage message) {
        var record = new ProducerRecord<>(message.topic(), message.key(),
                message.payload().getBytes(StandardCharsets.UTF_8));
        record.headers().add(new RecordHeader(EVENT_TYPE, message.eventType().getBytes(StandardCharsets.UTF_8)));
        record.headers().add(new RecordHeader(SCHEMA_VERSION,
                Integer.toString(message.schemaVersion()).getBytes(StandardCharsets.UTF_8)));
        record.headers().add(new RecordHeader(EVENT_ID, message.eventId().getBytes(StandardCharsets.UTF_8)));
        try {
            return producer.send(record);
        } catch (RuntimeException e) {
            return java.util.concurrent.CompletableFuture.failedFuture(e);
        }
    }

    private boolean acknowledged(List<Future<RecordMetadata>> futures, long deadline) {
        for (Future<RecordMetadata> future : futures) {
            try {
                future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
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
        return true;
    }

    private Query claimable(Instant now) {
        return Query.query(Criteria.where(PENDING).is(true).orOperator(
                        Criteria.where(LEASE_UNTIL).exists(false),
                        Criteria.where(LEASE_UNTIL).lt(Date.from(now))))
                .with(Sort.by(SINCE));
    }

    /** Events waiting in one collection. */
    public long pending(String collection) {
        return mongo.count(Query.query(Criteria.where(PENDING).is(true)), collection);
    }

    /** Age of the oldest event waiting in one collection, zero when none waits. */
    public Duration oldestPendingAge(String collection) {
        Query oldest = Query.query(Criteria.where(PENDING).is(true)).with(Sort.by(SINCE)).limit(1);
        oldest.fields().include(SINCE);
        Document document = mongo.findOne(oldest, Document.class, collection);
        Date since = document == null ? null : document.getDate(SINCE);
        return since == null ? Duration.ZERO : Duration.between(since.toInstant(), clock.instant());
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
        for (String collection : properties.collections()) {
            try {
                mongo.indexOps(collection).createIndex(new Index().on(PENDING, Sort.Direction.ASC).on(SINCE, Sort.Direction.ASC));
                mongo.indexOps(collection).createIndex(new Index().on(CLAIM, Sort.Direction.ASC).sparse());
            } catch (RuntimeException e) {
                log.info("Outbox index on {} not created ({}); queries still work without it", collection, e.toString());
            }
            if (meters != null) {
                Gauge.builder("outbox.pending", this, relay -> relay.pending(collection))
                        .tag("collection", collection).description("events waiting to be published")
                        .register(meters);
                Gauge.builder("outbox.oldest.pending.age", this, relay -> relay.oldestPendingAge(collection).toMillis() / 1000.0)
                        .tag("collection", collection).baseUnit("seconds")
                        .description("age of the oldest event waiting to be published").register(meters);
            }
        }
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
}
