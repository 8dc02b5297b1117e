package fr.caf38.cdap.eligibility.decision;

import com.mongodb.client.MongoCollection;
import fr.caf38.cdap.events.EligibilityDecided;
import fr.caf38.cdap.events.value.DecidedBy;
import fr.caf38.cdap.events.value.DecisionStatus;
import fr.caf38.cdap.events.value.DepartmentCode;
import fr.caf38.cdap.events.value.Profile;
import fr.caf38.cdap.events.value.Siret;
import fr.caf38.cdap.messaging.outbox.Outbox;
import fr.caf38.cdap.messaging.store.CollectionIndexes;
import fr.caf38.cdap.messaging.store.IndexedStore;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/**
 * The {@code decisions} collection and the documents kept by key beside it. On a request's path every
 * command names its documents by _id: the insert with the outbox, exact-_id updates, the claim of an
 * agent's decision, and the key documents ({@link SiretRequests}, {@link ReviewQueue}) updated with
 * every decision. Never a whole-document save (the relay owns the outbox fields of the document).
 * The agents' filtered lists and free-text search still query the collection (not a request's path).
 */
@Component
public class DecisionStore implements IndexedStore {
    private static final Logger log = LoggerFactory.getLogger(DecisionStore.class);
    /** Agents' claims of their decisions, {@code <requestId>|decision|<n>}: the insert is the claim. */
    public static final String CLAIMS = "decision_claims";
    /** A claim's writer stores its decision within milliseconds; one this old was abandoned. */
    static final Duration ABANDONED_AFTER = Duration.ofMinutes(2);

    private final MongoTemplate mongo;
    private final Outbox outbox;
    private final SiretRequests siretRequests;
    private final ReviewQueue reviewQueue;
    private final DecisionCounters counters;
    private final Clock clock;

    public DecisionStore(MongoTemplate mongo, Outbox outbox, SiretRequests siretRequests, ReviewQueue reviewQueue,
                         DecisionCounters counters, Clock clock) {
        this.mongo = mongo;
        this.outbox = outbox;
        this.siretRequests = siretRequests;
        this.reviewQueue = reviewQueue;
        this.counters = counters;
        this.clock = clock;
    }

    /**
     * The unique {@code eventId} first (a redelivered submission is refused by the store; without it the
     * request id still refuses a second decision for the same request), then the agents' lists' indexes.
     */
    @Override
    public List<CollectionIndexes> indexes() {
        return List.of(CollectionIndexes.of(DecisionDocument.COLLECTION,
                new Index().on("eventId", Sort.Direction.ASC).unique().named("eventId_unique"),
                new Index().on("cafDepartment", Sort.Direction.ASC).on("siret", Sort.Direction.ASC)
                        .on("profile", Sort.Direction.ASC).named("duplicates"),
                new Index().on("status", Sort.Direction.ASC).on("submittedAt", Sort.Direction.ASC).named("queue")));
    }

    /** Whether this request is decided: one read by _id of the _id alone. */
    public boolean exists(String requestId) {
        return decisions().find(new Document("_id", requestId))
                .projection(new Document("_id", 1)).first() != null;
    }

    public Optional<DecisionDocument> find(String requestId) {
        return Optional.ofNullable(mongo.findById(requestId, DecisionDocument.class));
    }

    /** A request's first decision, by the rules, and the event announcing it. */
    public record NewDecision(DecisionDocument document, EligibilityDecided event) {
    }

    /**
     * Stores a new request's decision with its event, in one write, then the documents kept by key.
     * Throws Spring's {@code DuplicateKeyException} when the request or the source event is already
     * stored: that is how a redelivery is known (the key documents of the stored decision are then
     * written again, as in {@link #insertAll}).
     */
    public void insert(DecisionDocument document, EligibilityDecided event) {
        if (!insertAll(List.of(new NewDecision(document, event)), Set.of()).isEmpty()) {
            throw new DuplicateKeyException("Request " + document.id() + " or event " + document.eventId()
                    + " already decided");
        }
    }

    /**
     * Stores a batch of new decisions with their events: one insert of the outbox's pending entries,
     * one unordered insert of the decisions, then the documents kept by key, one bulk upsert of the
     * SIRET documents, one of the review queue and one of the dashboard's counters (of the decisions
     * stored now only). A decision the store refuses (its request or source event is already stored: a
     * redelivery, or another delivery won the race) is not stored again; the
     * key documents of what is stored for it, and for the {@code redelivered} request ids, are written
     * again from the stored decisions, read in one find by {@code _id $in}, in case a crash came
     * between a decision and its key documents. Every write is by key and sets the same values when
     * repeated, so a whole batch delivered again changes nothing. Returns the positions refused.
     */
    public Set<Integer> insertAll(List<NewDecision> decisions, Set<String> redelivered) {
        Set<Integer> refused = decisions.isEmpty() ? Set.of() : outbox.insertAll(DecisionDocument.COLLECTION,
                decisions.stream().map(d -> Outbox.Insert.<DecisionDocument>of(d.document(), d.event())).toList());
        List<DecisionDocument> keyed = new ArrayList<>(decisions.size());
        Set<String> storedBefore = new HashSet<>(redelivered);
        for (int i = 0; i < decisions.size(); i++) {
            if (refused.contains(i)) {
                storedBefore.add(decisions.get(i).document().id());
            } else {
                keyed.add(decisions.get(i).document());
            }
        }
        List<DecisionDocument> storedNow = List.copyOf(keyed);
        keyed.addAll(keyFieldsOf(storedBefore));
        siretRequests.recordAll(keyed);
        reviewQueue.addAll(keyed.stream().filter(d -> d.status() == DecisionStatus.UNDER_REVIEW).toList());
        // Counted once: only the decisions this insert stored, never those stored before (a redelivery).
        counters.countFirst(storedNow);
        return refused;
    }

    /** The stored decisions of these requests, with the fields their key documents need: one find by _id $in. */
    private List<DecisionDocument> keyFieldsOf(Set<String> requestIds) {
        if (requestIds.isEmpty()) {
            return List.of();
        }
        Query query = Query.query(where("_id").in(requestIds));
        query.fields().include("eventId", "reference", "cafDepartment", "siret", "profile", "submittedAt", "status",
                "history", "version");
        return mongo.find(query, DecisionDocument.class);
    }

    /** The requests kept under these {@code <caf>|<siret>|<profile>} keys: one find by _id $in. */
    Map<String, List<SiretRequests.Entry>> requestsOf(Collection<String> keys) {
        return siretRequests.entries(keys);
    }

    /**
     * References of other requests to the Caf with this SIRET and profile that are APPROVED or
     * UNDER_REVIEW, oldest submission first: one read by key of {@link SiretRequests}.
     */
    public List<String> openReferences(DepartmentCode cafDepartment, Siret siret, Profile profile, String exceptId) {
        return SiretRequests.openReferences(siretRequests.entries(cafDepartment, siret, profile), exceptId);
    }

    /**
     * Records an agent's decision on a request read UNDER_REVIEW, once: the step is claimed by
     * inserting {@code <requestId>|decision|<n>} into {@value #CLAIMS}, so of two agents deciding at
     * once exactly one inserts it; the winner then updates the decision by _id with its event.
     * Returns false when another agent had claimed this decision.
     */
    public boolean recordReview(DecisionDocument current, Decision decision, EligibilityDecided event) {
        String claim = claimId(current.id(), decision.decisionNumber());
        try {
            mongo.insert(new Document("_id", claim)
                    .append("requestId", current.id())
                    .append("status", decision.status().name())
                    .append("agent", decision.agent())
                    .append("motive", decision.motive())
                    .append("eventId", event.eventId().toString())
                    .append("claimedAt", Date.from(decision.decidedAt())), CLAIMS);
        } catch (DuplicateKeyException anotherAgentWon) {
            completeIfAbandoned(claim, decision.decisionNumber(), current.id());
            return false;
        }
        apply(current, decision, event);
        return true;
    }

    /**
     * A claim whose decision never reached the decision document (its writer died in between) would
     * keep the request under review for ever: once it is older than {@link #ABANDONED_AFTER}, the
     * next agent's attempt applies the claimed decision, as its agent chose it. Claiming the
     * completion by key too ({@code ...|completion}) keeps two agents from both completing it.
     */
    private void completeIfAbandoned(String claimId, int decisionNumber, String requestId) {
        Document claim = mongo.getCollection(CLAIMS).find(new Document("_id", claimId)).first();
        if (claim == null || claim.getDate("claimedAt").toInstant()
                .isAfter(clock.instant().minus(ABANDONED_AFTER))) {
            return;
        }
        DecisionDocument stored = find(requestId).orElse(null);
        if (stored == null || stored.decision().decisionNumber() >= decisionNumber) {
            return;
        }
        try {
            mongo.insert(new Document("_id", claimId + "|completion").append("at", Date.from(clock.instant())), CLAIMS);
        } catch (DuplicateKeyException completedByAnother) {
            return;
        }
        Decision claimed = new Decision(decisionNumber, DecisionStatus.valueOf(claim.getString("status")),
                DecidedBy.AGENT, claim.getString("agent"), claim.getString("motive"), stored.decision().findings(),
                claim.getDate("claimedAt").toInstant());
        log.warn("Request {}: decision {} claimed by {} but never stored; stored now", stored.reference(),
                decisionNumber, claimed.agent());
        apply(stored, claimed, stored.eventFor(claimed));
    }

    private void apply(DecisionDocument current, Decision decision, EligibilityDecided event) {
        Update update = new Update()
                .inc("version", 1L)
                .set("status", decision.status().name())
                .set("decision", decision)
                .push("history", decision);
        if (!outbox.updateById(DecisionDocument.class, current.id(), update, event)) {
            throw new IllegalStateException("Decision " + current.id() + " vanished while an agent decided it");
        }
        keepKeyDocuments(current, decision);
        // The claim (or the completion's claim) was won: this decision is counted once.
        counters.count(current, decision, current.decision());
    }

    static String claimId(String requestId, int decisionNumber) {
        return requestId + "|decision|" + decisionNumber;
    }

    /**
     * The review queue of these Cafs (of all when null, of none when empty), filtered by profile: read
     * by key, oldest first.
     */
    public DecisionPage queue(Profile profile, Set<DepartmentCode> cafs, int page, int size) {
        if (cafs != null && cafs.isEmpty()) {
            return new DecisionPage(List.of(), 0);
        }
        List<ReviewQueue.Waiting> waiting = (cafs == null ? reviewQueue.waiting(null) : reviewQueue.waitingAt(cafs))
                .stream()
                .filter(entry -> profile == null || entry.profile() == profile)
                .toList();
        long from = (long) page * size;
        if (from >= waiting.size()) {
            return new DecisionPage(List.of(), waiting.size());
        }
        List<String> ids = waiting.subList((int) from, (int) Math.min(waiting.size(), from + size)).stream()
                .map(ReviewQueue.Waiting::requestId).toList();
        Map<String, DecisionDocument> byId = new HashMap<>();
        mongo.find(Query.query(where("_id").in(ids)), DecisionDocument.class)
                .forEach(document -> byId.put(document.id(), document));
        List<DecisionDocument> content = ids.stream().map(byId::get).filter(Objects::nonNull).toList();
        return new DecisionPage(content, waiting.size());
    }

    private void keepKeyDocuments(DecisionDocument document, Decision decision) {
        siretRequests.record(document, decision);
        if (decision.status() == DecisionStatus.UNDER_REVIEW) {
            reviewQueue.add(document);
        } else if (decision.decisionNumber() > 1) {
            reviewQueue.remove(document);
        }
    }

    private MongoCollection<Document> decisions() {
        return mongo.getCollection(DecisionDocument.COLLECTION);
    }

    /** A page of decisions, oldest submission first. */
    public List<DecisionDocument> search(DecisionFilter filter, int page, int size) {
        if (filter.noCaf()) {
            return List.of();
        }
        Query query = Query.query(criteria(filter))
                .with(Sort.by(Sort.Order.asc("submittedAt"), Sort.Order.asc("_id")))
                .skip((long) page * size)
                .limit(size);
        return mongo.find(query, DecisionDocument.class);
    }

    /**
     * One page of the agents' export: the decisions matching the filter (at the agent's Cafs), oldest
     * submission first, from just after {@code after} (the previous page's last, or null). Keyset
     * paging, not skip, so each page costs the same however far the export has gone; without the
     * request as submitted, the history and the outbox, which the export does not show.
     */
    public List<DecisionDocument> exportPage(DecisionFilter filter, DecisionDocument after, int size) {
        if (filter.cafs() == null || filter.noCaf()) {
            // An export is always an agent's: without their Cafs it shows nothing.
            return List.of();
        }
        List<Criteria> all = new ArrayList<>(List.of(criteria(filter)));
        if (after != null) {
            all.add(new Criteria().orOperator(where("submittedAt").gt(after.submittedAt()),
                    new Criteria().andOperator(where("submittedAt").is(after.submittedAt()), where("_id").gt(after.id()))));
        }
        Query query = Query.query(new Criteria().andOperator(all))
                .with(Sort.by(Sort.Order.asc("submittedAt"), Sort.Order.asc("_id")))
                .limit(size);
        query.fields().include("reference", "cafDepartment", "siret", "profile", "legalName", "submittedAt", "status",
                "decision", "version");
        return mongo.find(query, DecisionDocument.class);
    }

    public long count(DecisionFilter filter) {
        if (filter.noCaf()) {
            return 0;
        }
        return mongo.count(Query.query(criteria(filter)), DecisionDocument.COLLECTION);
    }

    private static Criteria criteria(DecisionFilter filter) {
        List<Criteria> all = new ArrayList<>();
        if (filter.status() != null) {
            all.add(where("status").is(filter.status().name()));
        }
        if (filter.profile() != null) {
            all.add(where("profile").is(filter.profile().name()));
        }
        if (filter.cafs() != null) {
            // The agents' lists are limited to their Cafs (an agent with none is answered before any query).
            all.add(where("cafDepartment").in(filter.cafs().stream().map(DepartmentCode::value).sorted().toList()));
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
