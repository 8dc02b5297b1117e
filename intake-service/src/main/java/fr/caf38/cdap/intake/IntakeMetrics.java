package fr.caf38.cdap.intake;

import fr.caf38.cdap.intake.validation.InputError;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

import java.util.Collection;

/**
 * Counters of submissions: {@code intake.requests.accepted} and {@code intake.requests.amended} (per Caf),
 * {@code intake.requests.replayed} (submissions and amendments),
 * {@code intake.requests.rejected} (per error code: a request with several errors counts once under
 * each of its distinct codes) and {@code intake.status.events} (status-view events, per type and outcome).
 * The outbox's gauges ({@code outbox.pending}, {@code outbox.oldest.pending.age}) come from the relay.
 */
@Component
public class IntakeMetrics {
    private final MeterRegistry registry;

    public IntakeMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void accepted(String cafDepartment) {
        Counter.builder("intake.requests.accepted").description("requests stored and queued for publication")
                .tag("caf", cafDepartment).register(registry).increment();
    }

    public void amended(String cafDepartment) {
        Counter.builder("intake.requests.amended").description("amendments stored and queued for publication")
                .tag("caf", cafDepartment).register(registry).increment();
    }

    public void replayed() {
        Counter.builder("intake.requests.replayed").description("submissions answered again for their Idempotency-Key")
                .register(registry).increment();
    }

    public void rejected(String code) {
        Counter.builder("intake.requests.rejected").description("submissions refused, by error code")
                .tag("code", code).register(registry).increment();
    }

    public void rejected(Collection<InputError> errors) {
        errors.stream().map(error -> error.code().name()).distinct().forEach(this::rejected);
    }

    public void statusEvent(String type, String outcome) {
        statusEvents(type, outcome, 1);
    }

    public void statusEvents(String type, String outcome, int count) {
        if (count > 0) {
            Counter.builder("intake.status.events").description("events applied to the status view")
                    .tag("type", type).tag("outcome", outcome).register(registry).increment(count);
        }
    }
}
