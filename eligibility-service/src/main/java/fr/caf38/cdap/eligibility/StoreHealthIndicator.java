package fr.caf38.cdap.eligibility;

import org.bson.Document;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * The store's health ({@code mongo} in {@code /actuator/health}), asked with {@code ping}: Boot's
 * own indicator sends {@code hello}, which the embedded MongoDB-wire store does not know, so it would
 * report a working store as down. {@code ping} answers on both the embedded store and real MongoDB.
 * The bean name replaces Boot's indicator.
 */
@Component("mongoHealthIndicator")
class StoreHealthIndicator extends AbstractHealthIndicator {
    private final MongoTemplate mongo;

    StoreHealthIndicator(MongoTemplate mongo) {
        super("MongoDB health check failed");
        this.mongo = mongo;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Document answer = mongo.executeCommand(new Document("ping", 1));
        builder.up().withDetail("database", mongo.getDb().getName()).withDetail("ping", answer.get("ok"));
    }
}
