package fr.caf38.cdap.eligibility.decision;

import fr.caf38.cdap.events.EligibilityDecided;
import fr.caf38.cdap.events.value.DecisionStatus;
import fr.caf38.cdap.events.value.DepartmentCode;
import fr.caf38.cdap.events.value.Profile;
import fr.caf38.cdap.events.value.Siret;
import fr.caf38.cdap.messaging.outbox.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/**
 * The {@code decisions} collection. Writes are an insert with the outbox and conditional targeted
 * updates, never a whole-document save (the relay owns the outbox fields of the same document).
 */
@Component
public class DecisionStore implements InitializingBean {
    private static final Logger log = LoggerFactory.getLogger(DecisionStore.class);
    private static final List<String> OPEN_STATUSES =
            List.of(DecisionStatus.APPROVED.name(), DecisionStatus.UNDER_REVIEW.name());

    private final MongoTemplate mongo;
    private final Outbox outbox;

    public DecisionStore(MongoTemplate mongo, Outbox outbox) {
        this.mongo = mongo;
        this.outbox = outbox;
    }

    @Override
    public void afterPropertiesSet() {
        var indexes = mongo.indexOps(DecisionDocument.COLLECTION);
        try {
            indexes.createIndex(new Index().on("eventId", Sort.Direction.ASC).unique().named("eventId_unique"));
        } catch (RuntimeException e) {
            // The _id (request id) still refuses a second decision for the same request.
            log.warn("Unique index on decisions.eventId not created ({}); the request id still keeps decisions unique",
                    e.toString());
            // Most likely the store is unreachable: don't wait for it twice more at start-up.
            return;
        }
        try {
            indexes.createIndex(new Index().on("cafDepartment", Sort.Direction.ASC).on("siret", Sort.Direction.ASC)
                    .on("profile", Sort.Direction.ASC).named("duplicates"));
            indexes.createIndex(new Index().on("status", Sort.Direction.ASC).on("submittedAt", Sort.Direction.ASC)
                    .named("queue"));
        } catch (RuntimeException e) {
            log.info("Query indexes on decisions not created ({}); queries still work without them", e.toString());
        }
    }

    public boolean exists(String requestId) {
        return mongo.exists(Query.query(where("_id").is(requestId)), DecisionDocument.COLLECTION);
    }

    public Optional<DecisionDocument> find(String requestId) {
        return Optional.ofNullable(mongo.findById(requestId, DecisionDocument.class));
    }

    /**
     * Stores a new request's decision with its event, in one write. Throws Spring's
     * {@code DuplicateKeyException} when the request or the source event is already stored.
     */
    public void insert(DecisionDocument document, EligibilityDecided event) {
        outbox.insert(document, event);
    }

    /** References of other requests to the Caf with this SIRET and profile that are APPROVED or UNDER_REVIEW. */
    public List<String> openReferences(DepartmentCode cafDepartment, Siret siret, Profile profile, String exceptId) {
        Query query = Query.query(where("cafDepartment").is(cafDepartment.value()).and("siret").is(siret.value())
                        .and("profile").is(profile.name()).and("status").in(OPEN_STATUSES).and("_id").ne(exceptId))
                .with(Sort.by("submittedAt"));
        query.fields().include("reference");
        return mongo.find(query, org.bson.Document.class, DecisionDocument.COLLECTION).stream()
                .map(document -> document.getString("reference")).toList();
    }

    /**
     * Records an agent's decision if, and only if, the request is still UNDER_REVIEW at the version
     * the agent read: one conditional update, so of two agents deciding at once exactly one wins.
     * The event is stored by the same write. Returns false when the condition no longer held.
     */
    public boolean recordReview(String requestId, long expectedVersion, Decision decision, EligibilityDecided event) {
        Query current = Query.query(where("_id").is(requestId)
                .and("status").is(DecisionStatus.UNDER_REVIEW.name())
                .and("version").is(expectedVersion));
        Update update = new Update()
                .inc("version", 1L)
                .set("status", decision.status().name())
                .set("decision", decision)
                .push("history", decision);
        boolean applied = mongo.updateFirst(current, outbox.withEvents(update, event), DecisionDocument.class)
                .getMatchedCount() == 1;
        if (applied) {
            outbox.written(DecisionDocument.class, requestId);
        }
        return applied;
    }

    /** A page of decisions, oldest submission first. */
    public List<DecisionDocument> search(DecisionFilter filter, int page, int size) {
        Query query = Query.query(criteria(filter))
                .with(Sort.by(Sort.Order.asc("submittedAt"), Sort.Order.asc("_id")))
                .skip((long) page * size)
                .limit(size);
        return mongo.find(query, DecisionDocument.class);
    }

    public long count(DecisionFilter filter) {
        return mongo.count(Query.query(criteria(filter)), DecisionDocument.COLLECTION);
    }

    public long countUnderReview() {
        return mongo.count(Query.query(where("status").is(DecisionStatus.UNDER_REVIEW.name())),
                DecisionDocument.COLLECTION);
    }

    /** When the request waiting longest for an agent was submitted, if any waits. */
    public Optional<Instant> oldestUnderReview() {
        Query query = Query.query(where("status").is(DecisionStatus.UNDER_REVIEW.name()))
                .with(Sort.by("submittedAt")).limit(1);
        query.fields().include("submittedAt");
        org.bson.Document oldest = mongo.findOne(query, org.bson.Document.class, DecisionDocument.COLLECTION);
        return Optional.ofNullable(oldest).map(document -> document.getDate("submittedAt")).map(java.util.Date::toInstant);
    }

    private static Criteria criteria(DecisionFilter filter) {
        List<Criteria> all = new ArrayList<>();
        if (filter.status() != null) {
            all.add(where("status").is(filter.status().name()));
        }
        if (filter.profile() != null) {
            all.add(where("profile").is(filter.profile().name()));
        }
        if (filter.department() != null) {
            all.add(where("cafDepartment").is(filter.department().value()));
        }
        if (filter.text() != null && !filter.text().isBlank()) {
            all.add(text(filter.text().strip()));
        }
        return all.isEmpty() ? new Criteria() : new Criteria().andOperator(all);
    }

    /** A reference or part of one, a SIRET (typed with spaces or dots), or part of a legal name; any case. */
    private static Criteria text(String text) {
        String literal = literalPattern(text);
        List<Criteria> any = new ArrayList<>(List.of(
                where("reference").regex(literal, "i"),
                where("legalName").regex(literal, "i")));
        String digits = Siret.normalise(text);
        if (digits.length() == 14 && digits.chars().allMatch(Character::isDigit)) {
            any.add(where("siret").is(digits));
        }
        return new Criteria().orOperator(any);
    }

    /** Escapes every character that means something in a regular expression, in a way both stores read alike. */
    static String literalPattern(String text) {
        StringBuilder pattern = new StringBuilder();
        for (char c : text.toCharArray()) {
            if ("\\^$.|?*+()[]{}".indexOf(c) >= 0) {
                pattern.append('\\');
            }
            pattern.append(c);
        }
        return pattern.toString();
    }
}
