package fr.caf38.cdap.messaging.consumer;

import fr.caf38.cdap.events.Event;
import fr.caf38.cdap.messaging.codec.EventCodec;
import fr.caf38.cdap.messaging.tracing.EventTraces;

/**
 * Makes the services' batch consumers, all the same way: the event codec, the dead letters and the
 * tracing come from here; a binding only says which event it reads, its dead-letter topic and what
 * it does with a batch.
 */
public class BatchConsumers {
    private final EventCodec codec;
    private final DeadLetters deadLetters;
    private final EventTraces traces;

    public BatchConsumers(EventCodec codec, DeadLetters deadLetters, EventTraces traces) {
        this.codec = codec;
        this.deadLetters = deadLetters;
        this.traces = traces;
    }

    public <E extends Event> BatchConsumer<E> of(Class<E> type, String deadLetterTopic, BatchConsumer.Handler<E> handler) {
        return new BatchConsumer<>(type, codec, deadLetters, deadLetterTopic, traces, handler);
    }
}
