package fr.caf38.cdap.messaging.consumer;

import fr.caf38.cdap.events.Event;
import fr.caf38.cdap.events.EventHeaders;
import fr.caf38.cdap.messaging.codec.EventCodec;
import fr.caf38.cdap.messaging.codec.InvalidEventException;
import fr.caf38.cdap.messaging.tracing.EventTraces;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.Message;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A consumer of batches (the binding in batch mode) that keeps the guarantees of a record consumer:
 * each record is decoded on its own; one that cannot be read, or that the handler refuses, goes to the
 * dead-letter topic while the rest of its batch is handled; the handler's effects for the batch are
 * stored at once (one bulk write), so a failure there (the store away) is thrown and the whole batch is
 * delivered again by the container's error handler, which the handler's by-key idempotence makes safe.
 * Each record's type is read from its own {@code eventType}: a type this consumer does not read (one a
 * later version added, say) is skipped and logged, not dead-lettered, as the contract asks.
 *
 * @param <E> the event type of the topic: a record, or a sealed family of them
 */
public final class BatchConsumer<E extends Event> implements Consumer<Message<List<byte[]>>> {
    private static final Logger log = LoggerFactory.getLogger(BatchConsumer.class);

    /** A decoded event and the record it came in. */
    public record Received<E>(Delivery delivery, E event) {
    }

    /** An event the handler could not take (it will not get better by retrying), and why. */
    public record Refused(Delivery delivery, Exception reason) {
    }

    /** Handles the readable events of one batch, in their order; returns those it refused. */
    @FunctionalInterface
    public interface Handler<E> {
        List<Refused> handle(List<Received<E>> events);
    }

    private final Class<E> type;
    private final EventCodec codec;
    private final DeadLetters deadLetters;
    private final String deadLetterTopic;
    private final Handler<E> handler;
    private final EventTraces traces;

    public BatchConsumer(Class<E> type, EventCodec codec, DeadLetters deadLetters, String deadLetterTopic,
                         Handler<E> handler) {
        this(type, codec, deadLetters, deadLetterTopic, EventTraces.NONE, handler);
    }

    /**
     * @param traces each record is handled in a span of its own, child of the trace it came with
     *               (its {@code traceparent} header): events stored for its request carry that span
     */
    public BatchConsumer(Class<E> type, EventCodec codec, DeadLetters deadLetters, String deadLetterTopic,
                         EventTraces traces, Handler<E> handler) {
        this.traces = traces;
        this.type = type;
        this.codec = codec;
        this.deadLetters = deadLetters;
        this.deadLetterTopic = deadLetterTopic;
        this.handler = handler;
    }

    @Override
    public void accept(Message<List<byte[]>> batch) {
        List<Received<E>> readable = new ArrayList<>();
        List<Refused> refused = new ArrayList<>();
        for (Delivery delivery : Deliveries.of(batch)) {
            try {
                codec.decodeIfKnown(delivery.payload(), type).ifPresentOrElse(
                        event -> readable.add(new Received<>(delivery, event)),
                        () -> log.info("Skipped {}: an event type this consumer does not read ({})", delivery,
                                delivery.header(EventHeaders.EVENT_TYPE)));
            } catch (InvalidEventException unreadable) {
                refused.add(new Refused(delivery, unreadable));
            }
        }
        if (!readable.isEmpty()) {
            List<EventTraces.Traced> traced = readable.stream().map(received -> new EventTraces.Traced(
                    received.event().requestId(), received.delivery().header(EventTraces.HEADER))).toList();
            try (EventTraces.Batch spans = traces.startBatch(readable.get(0).delivery().topic() + " process", traced)) {
                try {
                    refused.addAll(handler.handle(readable));
                } catch (RuntimeException failure) {
                    spans.failed(failure);
                    throw failure;
                }
            }
        }
        for (Refused letter : refused) {
            deadLetters.send(letter.delivery(), deadLetterTopic, letter.reason());
        }
    }
}
