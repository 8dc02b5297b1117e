package fr.caf38.cdap.intake.request;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.IndexInfo;
import org.springframework.stereotype.Component;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Reads the {@code requests} collection, by {@code _id} only. Its documents are inserted through the
 * outbox and changed by the status view's exact-{@code _id} updates; nothing else writes them.
 */
@Component
public class AccessRequests implements InitializingBean {
    private static final Logger log = LoggerFactory.getLogger(AccessRequests.class);

    public static final String STATUS = "status";
    public static final String LEGACY_DECISION = "decision";
    public static final String DECISIONS = "decisions";
    public static final String LATEST_DECISION = "latestDecision";
    public static final String TIMELINE = "timeline";
    public static final String UPDATED_AT = "updatedAt";

    /**
     * Indexes of the former layout. The idempotency key now has a document of its own, and references
     * are unique by construction (drawn in disjoint blocks from one atomic counter per Caf and year), so
     * no unique index but {@code _id} is left: on the embedded store each one costs every insert three
     * look-ups.
     */
    static final Set<String> FORMER_INDEXES = Set.of("idempotencyKey_unique", "reference_unique",
            "idempotencyExpiresAt");

    private final MongoTemplate mongo;

    public AccessRequests(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void afterPropertiesSet() {
        var indexes = mongo.indexOps(AccessRequest.class);
        for (IndexInfo index : indexes.getIndexInfo()) {
            if (FORMER_INDEXES.contains(index.getName())) {
                try {
                    indexes.dropIndex(index.getName());
                    log.info("Dropped index {} of {} (not needed by the by-key layout)", index.getName(),
                            AccessRequest.COLLECTION);
                } catch (RuntimeException droppedByAnotherInstance) {
                    log.debug("Index {} already dropped: {}", index.getName(), droppedByAnotherInstance.toString());
                }
            }
        }
    }

    public Optional<AccessRequest> findById(UUID requestId) {
        return Optional.ofNullable(mongo.findById(requestId.toString(), AccessRequest.class));
    }
}
