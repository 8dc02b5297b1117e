package fr.caf38.cdap.notification.delivery;

import fr.caf38.cdap.events.value.NotificationKind;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * {@code notifications.sent} and {@code notifications.failed} (counters, tag {@code kind}),
 * {@code notifications.pending} and {@code notifications.oldest.pending.age} (gauges of what this
 * instance holds in memory: a scrape never reads the store; across instances, sum or take the max).
 */
@Component
public class DeliveryMetrics {
    private final Map<NotificationKind, Counter> sent = new EnumMap<>(NotificationKind.class);
    private final Map<NotificationKind, Counter> failed = new EnumMap<>(NotificationKind.class);

    private final MeterRegistry registry;
    private final Clock clock;

    public DeliveryMetrics(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
        for (NotificationKind kind : NotificationKind.values()) {
            sent.put(kind, Counter.builder("notifications.sent").tag("kind", kind.name())
                    .description("emails accepted by the mail server").register(registry));
            failed.put(kind, Counter.builder("notifications.failed").tag("kind", kind.name())
                    .description("emails given up on after the retry budget, or undeliverable").register(registry));
        }
    }

    /** The gauges read the sender's memory. */
    void trackPending(NotificationSender sender) {
        Gauge.builder("notifications.pending", sender, NotificationSender::pendingCount)
                .description("emails waiting to be sent or retried").register(registry);
        Gauge.builder("notifications.oldest.pending.age", sender, s -> s.oldestPendingSince()
                        .map(since -> Math.max(0, Duration.between(since, clock.instant()).toMillis()) / 1000.0)
                        .orElse(0.0))
                .baseUnit("seconds").description("age of the oldest email waiting to be sent").register(registry);
    }

    void sent(NotificationKind kind) {
        sent.get(kind).increment();
    }

    void failed(NotificationKind kind) {
        failed.get(kind).increment();
    }
}
