package fr.caf38.cdap.intake.request;

import fr.caf38.cdap.messaging.store.CollectionIndexes;
import fr.caf38.cdap.messaging.store.IndexedStore;
import org.bson.Document;
import org.springframework.data.core.TypeInformation;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Reads the {@code requests} collection, by {@code _id} only. Its documents are inserted through the
 * outbox and changed by the status view's exact-{@code _id} updates; nothing else writes them.
 */
@Component
public class AccessRequests implements IndexedStore {

    public static final String STATUS = "status";
    public static final String LEGACY_DECISION = "decision";
    public static final String DECISIONS = "decisions";
    public static final String LATEST_DECISION = "latestDecision";
    public static final String TIMELINE = "timeline";
    public static final String UPDATED_AT = "updatedAt";
    public static final String REQUEST = "request";
    public static final String REVISION = "revision";

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

    /** None but {@code _id}; the former layout's are dropped. */
    @Override
    public List<CollectionIndexes> indexes() {
        return List.of(new CollectionIndexes(AccessRequest.COLLECTION, List.of(), FORMER_INDEXES));
    }

    /**
     * The update that adds a step to a request's timeline: {@code $addToSet} of the entry (its event id makes a
     * second application change nothing) and {@code $max} of {@code updatedAt}.
     */
    public Update step(TimelineEntry entry) {
        return new Update().addToSet(TIMELINE, mongoValue(entry, TimelineEntry.class)).max(UPDATED_AT, entry.at());
    }

    /** {@link #step(TimelineEntry)} as the store's update document, for writes through the driver. */
    public Document stepDocument(TimelineEntry entry) {
        return new Document("$addToSet", new Document(TIMELINE, mongoValue(entry, TimelineEntry.class)))
                .append("$max", new Document(UPDATED_AT, mongoValue(entry.at(), Instant.class)));
    }

    /** A value as the store keeps it under a field declared as {@code type} (for targeted updates). */
    public Object mongoValue(Object value, Class<?> type) {
        return mongo.getConverter().convertToMongoType(value, TypeInformation.of(type));
    }

    public Optional<AccessRequest> findById(UUID requestId) {
        return Optional.ofNullable(mongo.findById(requestId.toString(), AccessRequest.class));
    }
}
