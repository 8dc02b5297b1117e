package fr.caf38.cdap.messaging.health;

import fr.caf38.cdap.messaging.outbox.OutboxProperties;
import fr.caf38.cdap.messaging.outbox.OutboxRelay;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The publication backlog, shown in {@code /actuator/health} as {@code outbox}. Always UP: events
 * waiting for Kafka are safely stored and will be published, so the service can still do its job;
 * the details (and the {@code outbox.*} gauges) tell how far behind it is and why.
 */
public class OutboxHealthIndicator implements HealthIndicator {
    private final OutboxRelay relay;
    private final OutboxProperties properties;

    public OutboxHealthIndicator(OutboxRelay relay, OutboxProperties properties) {
        this.relay = relay;
        this.properties = properties;
    }

    @Override
    public Health health() {
        Health.Builder health = Health.up();
        for (String collection : properties.collections()) {
            Map<String, Object> backlog = new LinkedHashMap<>();
            backlog.put("pending", relay.pending(collection));
            backlog.put("oldestPendingAgeSeconds", relay.oldestPendingAge(collection).toSeconds());
            health.withDetail(collection, backlog);
        }
        Instant lastSuccess = relay.lastSuccess();
        if (lastSuccess != null) {
            health.withDetail("lastSuccess", lastSuccess.toString());
        }
        String lastError = relay.lastError();
        if (lastError != null) {
            health.withDetail("lastError", lastError);
        }
        return health.build();
    }
}
