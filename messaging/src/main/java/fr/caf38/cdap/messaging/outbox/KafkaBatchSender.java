package fr.caf38.cdap.messaging.outbox;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Sends one batch of events to Kafka ({@code acks=all}) and waits, up to {@code sendTimeout} for the
 * whole batch, for the broker's acknowledgements. Logs an error once, not at every retry.
 */
final class KafkaBatchSender implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(KafkaBatchSender.class);

    private final Producer<String, byte[]> producer;
    private final Duration sendTimeout;
    private final AtomicReference<String> lastError = new AtomicReference<>();

    KafkaBatchSender(Producer<String, byte[]> producer, Duration sendTimeout) {
        this.producer = producer;
        this.sendTimeout = sendTimeout;
    }

    /** What Kafka acknowledged and what failed (or timed out), each in the batch's order. */
    record Sent(List<HandedEvent> acknowledged, List<HandedEvent> failed) {
    }

    Sent send(List<HandedEvent> batch) {
        List<Future<RecordMetadata>> sends = new ArrayList<>(batch.size());
        for (HandedEvent event : batch) {
            sends.add(send(event.message()));
        }
        producer.flush();
        long deadline = System.nanoTime() + sendTimeout.toNanos();
        List<HandedEvent> acknowledged = new ArrayList<>(batch.size());
        List<HandedEvent> failed = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            (acknowledged(sends.get(i), deadline) ? acknowledged : failed).add(batch.get(i));
        }
        return new Sent(acknowledged, failed);
    }

    /** The last publication error seen, or null. */
    String lastError() {
        return lastError.get();
    }

    private Future<RecordMetadata> send(OutboxMessage message) {
        try {
            return producer.send(OutboxRecords.of(message));
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

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
