package fr.caf38.cdap.messaging.health;

import org.bson.Document;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The store's health ({@code mongo} in {@code /actuator/health}), asked with {@code ping}: Boot's
 * own indicator sends {@code hello}, which the embedded MongoDB-wire store does not know, so it
 * would report a working store as down. {@code ping} answers on the embedded store and on real
 * MongoDB alike.
 */
public class StorePingHealthIndicator extends AbstractHealthIndicator {
    private final MongoTemplate mongo;

    public StorePingHealthIndicator(MongoTemplate mongo) {
        super("MongoDB health check failed");
        this.mongo = mongo;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Document answer = mongo.executeCommand(new Document("ping", 1));
        builder.up().withDetail("database", mongo.getDb().getName()).withDetail("ping", answer.get("ok"));
    }
}
