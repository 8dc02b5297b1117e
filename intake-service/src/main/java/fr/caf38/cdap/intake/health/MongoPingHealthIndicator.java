package fr.caf38.cdap.intake.health;

import org.bson.Document;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * The store's health by {@code ping} on intake's database. Boot's own Mongo indicator sends
 * {@code hello}, which the embedded store (mongo-java-server) does not know: it would call a working
 * store DOWN, and intake unready. {@code ping} is answered by real MongoDB and the embedded store
 * alike. Named {@code mongoHealthIndicator}, it replaces Boot's and keeps the name {@code mongo},
 * which the readiness group includes.
 */
@Component("mongoHealthIndicator")
public class MongoPingHealthIndicator extends AbstractHealthIndicator {
    private final MongoTemplate mongo;

    public MongoPingHealthIndicator(MongoTemplate mongo) {
        super("MongoDB health check failed");
        this.mongo = mongo;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Document answer = mongo.executeCommand(new Document("ping", 1));
        if (answer.get("ok") instanceof Number ok && ok.doubleValue() == 1.0) {
            builder.up().withDetail("database", mongo.getDb().getName());
        } else {
            builder.down().withDetail("answer", answer.toJson());
        }
    }
}
