package fr.caf38.cdap.intake.health;

import fr.caf38.cdap.intake.request.AccessRequest;
import fr.caf38.cdap.messaging.outbox.OutboxRelay;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;

/**
 * The publication backlog, shown in {@code /actuator/health} as {@code outbox}. Always UP: requests
 * waiting for Kafka are safely stored and will be published, so intake can still do its job; the
 * details (and the {@code outbox.*} gauges) tell how far behind it is and why.
 */
@Component
public class OutboxHealthIndicator implements HealthIndicator {
    private final OutboxRelay relay;

    public OutboxHealthIndicator(OutboxRelay relay) {
        this.relay = relay;
    }

    @Override
    public Health health() {
        Duration oldest = relay.oldestPendingAge(AccessRequest.COLLECTION);
        Instant lastSuccess = relay.lastSuccess();
        String lastError = relay.lastError();
        Health.Builder health = Health.up()
                .withDetail("pending", relay.pending(AccessRequest.COLLECTION))
                .withDetail("oldestPendingAgeSeconds", oldest.toSeconds());
        if (lastSuccess != null) {
            health.withDetail("lastSuccess", lastSuccess.toString());
        }
        if (lastError != null) {
            health.withDetail("lastError", lastError);
        }
        return health.build();
    }
}
