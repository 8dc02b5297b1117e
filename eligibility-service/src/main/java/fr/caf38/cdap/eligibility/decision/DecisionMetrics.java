package fr.caf38.cdap.eligibility.decision;

import fr.caf38.cdap.events.value.DecidedBy;
import fr.caf38.cdap.events.value.DecisionStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;

/**
 * {@code eligibility.decisions} (counter, tags {@code status} and {@code decidedBy}),
 * {@code eligibility.review.queue.size} (requests waiting for an agent) and
 * {@code eligibility.review.oldest.age} (seconds since the oldest of them was submitted).
 * The gauges read the review queue's documents by key when scraped (a cost that follows what
 * waits, not what is stored), so every instance reports the same queue.
 */
@Component
public class DecisionMetrics {
    private final MeterRegistry meters;

    public DecisionMetrics(MeterRegistry meters, ReviewQueue queue, Clock clock) {
        this.meters = meters;
        Gauge.builder("eligibility.review.queue.size", queue, ReviewQueue::count)
                .description("requests waiting for an agent's review").register(meters);
        Gauge.builder("eligibility.review.oldest.age", queue, q -> q.oldest()
                        .map(submitted -> Duration.between(submitted, clock.instant()).toMillis() / 1000.0)
                        .orElse(0.0))
                .baseUnit("seconds")
                .description("age of the oldest request waiting for an agent's review").register(meters);
    }

    public void decided(DecisionStatus status, DecidedBy decidedBy) {
        Counter.builder("eligibility.decisions")
                .description("decisions taken, by status and by who took them")
                .tag("status", status.name())
                .tag("decidedBy", decidedBy.name())
                .register(meters)
                .increment();
    }
}
