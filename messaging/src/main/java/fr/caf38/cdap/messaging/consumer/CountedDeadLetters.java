package fr.caf38.cdap.messaging.consumer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts the records sent to each dead-letter topic ({@code dead_letters_total{topic}}): one that
 * grows is a contract broken somewhere, worth a look at the topic.
 */
final class CountedDeadLetters implements DeadLetters {
    private final DeadLetters delegate;
    private final MeterRegistry registry;

    CountedDeadLetters(DeadLetters delegate, MeterRegistry registry) {
        this.delegate = delegate;
        this.registry = registry;
    }

    @Override
    public void send(Delivery delivery, String topic, Throwable error) {
        delegate.send(delivery, topic, error);
        Counter.builder("dead.letters").description("Records sent to a dead-letter topic").tag("topic", topic)
                .register(registry).increment();
    }
}
