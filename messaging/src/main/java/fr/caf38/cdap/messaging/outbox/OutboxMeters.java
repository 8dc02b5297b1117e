package fr.caf38.cdap.messaging.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.Collection;

/**
 * The relay's metrics, per collection: counters {@code outbox.published} and
 * {@code outbox.publish.failures}, gauges {@code outbox.pending} and {@code outbox.oldest.pending.age}.
 * Nothing is recorded without a registry.
 */
final class OutboxMeters {
    private final MeterRegistry registry;

    OutboxMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    void published(String collection, int events) {
        count("outbox.published", collection, events);
    }

    void failed(String collection, int events) {
        count("outbox.publish.failures", collection, events);
    }

    /** Registers the gauges, read from the relay's memory (registering again is harmless). */
    void registerGauges(OutboxRelay relay, Collection<String> collections) {
        if (registry == null) {
            return;
        }
        for (String collection : collections) {
            Gauge.builder("outbox.pending", relay, r -> r.pending(collection))
                    .tag("collection", collection).description("events waiting to be published")
                    .register(registry);
            Gauge.builder("outbox.oldest.pending.age", relay, r -> r.oldestPendingAge(collection).toMillis() / 1000.0)
                    .tag("collection", collection).baseUnit("seconds")
                    .description("age of the oldest event waiting to be published").register(registry);
        }
    }

    private void count(String name, String collection, int amount) {
        if (registry != null && amount > 0) {
            Counter.builder(name).tag("collection", collection).register(registry).increment(amount);
        }
    }
}
