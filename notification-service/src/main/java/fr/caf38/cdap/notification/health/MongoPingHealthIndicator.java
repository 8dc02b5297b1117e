package fr.caf38.cdap.notification.health;

import org.bson.Document;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The store's health by {@code ping} on the service's database. Boot's own Mongo indicator sends
 * {@code hello}, which the embedded store (mongo-java-server) does not know, so it would report
 * the store DOWN — and the service unready — while it works; {@code ping} is answered by real
 * MongoDB and the embedded store alike. Registered as {@code mongoHealthIndicator}, it replaces
 * Boot's and keeps the name {@code mongo} (readiness group).
 */
public class MongoPingHealthIndicator extends AbstractHealthIndicator {
    private final MongoTemplate mongo;

    public MongoPingHealthIndicator(MongoTemplate mongo) {
        super("MongoDB health check failed");
        this.mongo = mongo;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Document answer = mongo.executeCommand(new Document("ping", 1));
        Object ok = answer.get("ok");
        if (ok instanceof Number number && number.doubleValue() == 1.0) {
            builder.up().withDetail("database", mongo.getDb().getName());
        } else {
            builder.down().withDetail("answer", answer.toJson());
        }
    }
}
