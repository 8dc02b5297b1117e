package fr.caf38.cdap.intake.request;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/**
 * Reads the {@code requests} collection and makes the few changes it allows besides the insert
 * (done through the outbox) and the status view's updates: all targeted, never a whole-document save.
 */
@Component
public class AccessRequests implements InitializingBean {
    public static final String REFERENCE = "reference";
    public static final String STATUS = "status";
    public static final String DECISION = "decision";
    public static final String DECISION_NUMBER = "decision.decisionNumber";
    public static final String TIMELINE = "timeline";
    public static final String HANDLED_EVENTS = "handledEvents";
    public static final String UPDATED_AT = "updatedAt";
    public static final String IDEMPOTENCY_KEY = "idempotencyKey";
    public static final String BODY_HASH = "bodyHash";
    public static final String IDEMPOTENCY_EXPIRES_AT = "idempotencyExpiresAt";

    private final MongoTemplate mongo;

    public AccessRequests(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** The unique indexes are what make a key, and a reference, belong to one request only. */
    @Override
    public void afterPropertiesSet() {
        var indexes = mongo.indexOps(AccessRequest.class);
        indexes.createIndex(new Index().on(IDEMPOTENCY_KEY, Sort.Direction.ASC).unique().sparse()
                .named("idempotencyKey_unique"));
        indexes.createIndex(new Index().on(REFERENCE, Sort.Direction.ASC).unique().named("reference_unique"));
        indexes.createIndex(new Index().on(IDEMPOTENCY_EXPIRES_AT, Sort.Direction.ASC).sparse()
                .named("idempotencyExpiresAt"));
    }

    public Optional<AccessRequest> findById(UUID requestId) {
        return Optional.ofNullable(mongo.findById(requestId.toString(), AccessRequest.class));
    }

    public Optional<AccessRequest> findByIdempotencyKey(String key) {
        return Optional.ofNullable(mongo.findOne(Query.query(where(IDEMPOTENCY_KEY).is(key)), AccessRequest.class));
    }

    public boolean exists(UUID requestId) {
        return mongo.exists(Query.query(where("_id").is(requestId.toString())), AccessRequest.class);
    }

    /** Releases one request's key if it is still that key and has expired by {@code now}. */
    public boolean releaseKeyIfExpired(String requestId, String key, Instant now) {
        return mongo.updateFirst(Query.query(where("_id").is(requestId).and(IDEMPOTENCY_KEY).is(key)
                .and(IDEMPOTENCY_EXPIRES_AT).lte(now)), releaseKey(), AccessRequest.class).getModifiedCount() > 0;
    }

    /** Releases every key that expired by {@code now}; returns how many. */
    public long releaseExpiredKeys(Instant now) {
        Criteria expired = where(IDEMPOTENCY_EXPIRES_AT).lte(now);
        return mongo.updateMulti(Query.query(expired), releaseKey(), AccessRequest.class).getModifiedCount();
    }

    private static Update releaseKey() {
        return new Update().unset(IDEMPOTENCY_KEY).unset(BODY_HASH).unset(IDEMPOTENCY_EXPIRES_AT);
    }
}
