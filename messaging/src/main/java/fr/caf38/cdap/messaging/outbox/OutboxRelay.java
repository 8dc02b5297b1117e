package fr.caf38.cdap.messaging.outbox;

import fr.caf38.cdap.messaging.worker.WakeableWorker;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.Producer;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Publishes the events stored by {@link Outbox}, off the request and consumer threads: the scheduling
 * and lifecycle of the work, done by small parts.
 *
 * <p>The normal path costs what it publishes and reads nothing: writers hand their events over in
 * memory ({@link HandOffQueue}) right after the write; the relay sends them as one Kafka batch
 * ({@link KafkaBatchSender}, records by {@link OutboxRecords}), then records the acknowledgements in
 * the store ({@link Acknowledgements}). A failed publication keeps the events in memory and tries
 * again after {@code retryDelay}.
 *
 * <p>The recovery sweep ({@link RecoverySweep}; at start-up, then every {@code sweepInterval}) finds
 * what a crash, another instance's death or an overflow of memory left behind, through the pending
 * entries whose lease lapsed (a writer holds its entries for {@code lease}). Delivery is at least
 * once: consumers drop duplicates by event id. Metrics: {@link OutboxMeters}.
 */
public class OutboxRelay implements SmartLifecycle, AutoCloseable {

    private final OutboxProperties properties;
    private final PendingEvents pending;
    private final String owner = UUID.randomUUID().toString();
    private final HandOffQueue queue;
    private final KafkaBatchSender sender;
    private final Acknowledgements acknowledgements;
    private final OutboxMeters meters;
    private final Publication publication;
    private final RecoverySweep sweep;
    private final WakeableWorker worker;

    private final AtomicBoolean sweepRequested = new AtomicBoolean(true);
    private volatile long lastSweep;
    private volatile long retryAfter;

    public OutboxRelay(MongoTemplate mongo, Producer<String, byte[]> producer, OutboxProperties properties,
                       Clock clock, MeterRegistry meterRegistry) {
        this.properties = properties;
        this.pending = new PendingEvents(mongo);
        this.queue = new HandOffQueue(properties.maxInMemory());
        this.sender = new KafkaBatchSender(producer, properties.sendTimeout());
        this.meters = new OutboxMeters(meterRegistry);
        this.acknowledgements = new Acknowledgements(mongo, pending, meters, clock);
        this.publication = new Publication(sender, acknowledgements, queue, meters);
        this.sweep = new RecoverySweep(mongo, pending, queue, publication, properties, clock, owner);
        this.worker = new WakeableWorker("outbox-relay", properties.interval(), this::drain);
    }

    /**
     * Takes events just stored in a document, to publish them now. Beyond {@code maxInMemory} events
     * waiting (a long broker outage) they are left to the sweep, which finds them by their pending
     * entries.
     */
    void handOff(String collection, Object documentId, List<OutboxMessage> messages) {
        if (queue.offer(collection, documentId, messages)) {
            worker.wake();
        }
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
            List<HandedEvent> batch;
            while (!(batch = queue.take(properties.batchSize())).isEmpty()) {
                List<HandedEvent> failed = publication.publish(batch);
                total += batch.size() - failed.size();
                if (!failed.isEmpty()) {
                    queue.putBack(failed);
                    retryAfter = System.nanoTime() + properties.retryDelay().toNanos();
                    break;
                }
            }
        }
        long now = System.nanoTime();
        if (sweepRequested.getAndSet(false) || now - lastSweep >= properties.sweepInterval().toNanos()) {
            lastSweep = now;
            total += sweep.run();
        }
        return total;
    }

    /** One recovery sweep now; returns the number of events published. */
    int sweep() {
        return sweep.run();
    }

    /**
     * Events of one collection stored and not yet acknowledged, as this instance knows them: those
     * handed to it, and those its last sweep found and could not publish. Read from memory.
     */
    public long pending(String collection) {
        return queue.held(collection) + sweep.left(collection);
    }

    /** Age of the oldest event of one collection waiting in this instance's memory, zero when none waits. */
    public Duration oldestPendingAge(String collection) {
        return queue.oldestAge(collection);
    }

    /** When the relay last had events acknowledged by Kafka, or null. */
    public Instant lastSuccess() {
        return acknowledgements.lastSuccess();
    }

    /** The last publication error seen, or null. */
    public String lastError() {
        return sender.lastError();
    }

    @Override
    public void start() {
        if (worker.isRunning()) {
            return;
        }
        meters.registerGauges(this, properties.collections());
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
        sender.close();
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
        return sweep.scannedAtStartUp();
    }

    /** For tests: events of these ids are still held in memory. */
    boolean holds(Collection<String> eventIds) {
        return queue.holdsAny(eventIds);
    }
}
