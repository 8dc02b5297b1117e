package fr.caf38.cdap.notification.delivery;

import fr.caf38.cdap.events.value.NotificationKind;
import fr.caf38.cdap.notification.store.NotificationStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * {@code notifications.sent} and {@code notifications.failed} (counters, tag {@code kind}),
 * {@code notifications.pending} and {@code notifications.oldest.pending.age} (gauges, read from the
 * store so they are true across instances).
 */
public class DeliveryMetrics {
    private final Map<NotificationKind, Counter> sent = new EnumMap<>(NotificationKind.class);
    private final Map<NotificationKind, Counter> failed = new EnumMap<>(NotificationKind.class);

    public DeliveryMetrics(MeterRegistry registry, NotificationStore store, Clock clock) {
        for (NotificationKind kind : NotificationKind.values()) {
            sent.put(kind, Counter.builder("notifications.sent").tag("kind", kind.name())
                    .description("emails accepted by the mail server").register(registry));
            failed.put(kind, Counter.builder("notifications.failed").tag("kind", kind.name())
                    .description("emails given up on after the retry budget, or undeliverable").register(registry));
        }
        Gauge.builder("notifications.pending", store, s -> safely(() -> (double) s.countPending()))
                .description("emails waiting to be sent or retried").register(registry);
        Gauge.builder("notifications.oldest.pending.age", store, s -> safely(() -> s.oldestPendingSince()
                        .map(since -> Duration.between(since, clock.instant()).toMillis() / 1000.0).orElse(0.0)))
                .baseUnit("seconds").description("age of the oldest email waiting to be sent").register(registry);
    }

    void sent(NotificationKind kind) {
        sent.get(kind).increment();
    }

    void failed(NotificationKind kind) {
        failed.get(kind).increment();
    }

    /** A scrape while the store is away shows "no value" rather than failing. */
    private static double safely(java.util.function.DoubleSupplier value) {
        try {
            return value.getAsDouble();
        } catch (RuntimeException storeUnavailable) {
            return Double.NaN;
        }
    }
}
