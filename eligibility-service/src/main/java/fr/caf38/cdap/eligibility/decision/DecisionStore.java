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
    private final AwaitingChanges awaitingChanges;
    private final DecisionCounters counters;
    private final Clock clock;

    public DecisionStore(MongoTemplate mongo, Outbox outbox, SiretRequests siretRequests, ReviewQueue reviewQueue,
                         AwaitingChanges awaitingChanges, DecisionCounters counters, Clock clock) {
        this.mongo = mongo;
        this.outbox = outbox;
        this.siretRequests = siretRequests;
        this.reviewQueue = reviewQueue;
        this.awaitingChanges = awaitingChanges;
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
        awaitingChanges.addAll(keyed.stream().filter(d -> d.status() == DecisionStatus.CHANGES_REQUESTED).toList());
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

    /**
     * These requests' stored documents, by id: one find by {@code _id $in} (the
     * amendments of a consumer batch).
     */
    public Map<String, DecisionDocument> findAll(Collection<String> requestIds) {
        Map<String, DecisionDocument> byId = new HashMap<>();
        if (requestIds.isEmpty()) {
            return byId;
        }
        mongo.find(Query.query(where("_id").in(requestIds)), DecisionDocument.class).forEach(document -> byId.put(document.id(), document));
        return byId;
    }

    /**
     * The rules' decision on an amendment: the document as read (CHANGES_REQUESTED), as it becomes, the
     * amendment's event id, and the decision's event.
     */
    public record Amendment(DecisionDocument before, DecisionDocument after, String amendmentEventId,
                            EligibilityDecided event) {
        Decision decision() {
            return after.decision();
        }
    }

    /**
     * Stores the rules' decisions on a batch's amendments, each once: every step is claimed by inserting
     * {@code <requestId>|decision|<n>} (one unordered insert for the batch; an agent's review claims the
     * same keys, so of any two writers of decision n exactly one wins), then one bulk of exact-_id updates
     * storing each decision with its event (the outbox), then the documents kept by key: the SIRET
     * documents (the request leaves its former key when the profile changed), the review queue, the list
     * of requests awaiting changes and the counters, each one bulk write. A claim already taken for the
     * same amendment event whose decision the document does not hold yet was left by a crash between the
     * claim and the update: it is completed now (the completion claimed by key too, so once).
     * Returns the amendments stored now.
     */
    public List<Amendment> amendAll(List<Amendment> amendments) {
        if (amendments.isEmpty()) {
            return List.of();
        }
        Date now = Date.from(clock.instant());
        List<Document> claims = amendments.stream().map(a -> new Document("_id", claimId(a.after().id(),
                        a.decision().decisionNumber()))
                .append("requestId", a.after().id())
                .append("status", a.decision().status().name())
                .append("eventId", a.event().eventId().toString())
                .append("amendmentEventId", a.amendmentEventId())
                .append("claimedAt", now)).toList();
        Set<Integer> lost = insertClaims(claims);
        List<Amendment> won = new ArrayList<>();
        List<String> completions = new ArrayList<>();
        Map<String, Integer> completionOf = new HashMap<>();
        for (int i = 0; i < amendments.size(); i++) {
            if (!lost.contains(i)) {
                won.add(amendments.get(i));
            } else {
                completionOf.put(claims.get(i).getString("_id"), i);
            }
        }
        if (!completionOf.isEmpty()) {
            // Lost claims: one read of them by key; those of this very amendment are completed, once.
            for (Document claim : mongo.getCollection(CLAIMS)
                    .find(new Document("_id", new Document("$in", List.copyOf(completionOf.keySet()))))) {
                Amendment amendment = amendments.get(completionOf.get(claim.getString("_id")));
                if (amendment.amendmentEventId().equals(claim.getString("amendmentEventId"))) {
                    completions.add(claim.getString("_id") + "|completion");
                } else {
                    log.warn("Request {}: decision {} was claimed by another writer; amendment {} not decided",
                            amendment.after().reference(), amendment.decision().decisionNumber(),
                            amendment.amendmentEventId());
                }
            }
            Set<Integer> completedByAnother = insertClaims(completions.stream()
                    .map(id -> new Document("_id", id).append("at", now)).toList());
            for (int j = 0; j < completions.size(); j++) {
                if (!completedByAnother.contains(j)) {
                    String claimId = completions.get(j).substring(0, completions.get(j).length() - "|completion".length());
                    Amendment amendment = amendments.get(completionOf.get(claimId));
                    log.warn("Request {}: decision {} claimed but never stored; stored now",
                            amendment.after().reference(), amendment.decision().decisionNumber());
                    won.add(amendment);
                }
            }
        }
        if (won.isEmpty()) {
            return won;
        }
        List<Outbox.IdUpdate> updates = won.stream().map(a -> Outbox.IdUpdate.of(a.after().id(), amendmentUpdate(a),
                a.event())).toList();
        Set<Object> vanished = outbox.updateAllById(DecisionDocument.class, updates);
        if (!vanished.isEmpty()) {
            throw new IllegalStateException("Decisions " + vanished + " vanished while their amendments were decided");
        }
        keepKeyDocumentsOfAmendments(won);
        counters.countFollowing(won.stream().map(a -> new DecisionCounters.Following(a.after(), a.decision(),
                a.before().decision())).toList());
        return won;
    }

    /** The key documents of amended requests, as they are now stored; also for a redelivered amendment. */
    public void keepKeyDocumentsOfAmendments(List<Amendment> amendments) {
        List<DecisionDocument> afters = amendments.stream().map(Amendment::after).toList();
        Map<String, List<String>> formerKeys = new HashMap<>();
        for (Amendment amendment : amendments) {
            String former = SiretRequests.key(amendment.before());
            if (!former.equals(SiretRequests.key(amendment.after()))) {
                formerKeys.computeIfAbsent(former, key -> new ArrayList<>()).add(amendment.after().id());
            }
        }
        siretRequests.removeAll(formerKeys);
        siretRequests.recordAll(afters);
        // A redelivered amendment's request may wait for changes again since (a later review): as it stands now.
        awaitingChanges.removeAll(afters.stream().filter(d -> d.status() != DecisionStatus.CHANGES_REQUESTED).toList());
        awaitingChanges.addAll(afters.stream().filter(d -> d.status() == DecisionStatus.CHANGES_REQUESTED).toList());
        reviewQueue.addAll(afters.stream().filter(d -> d.status() == DecisionStatus.UNDER_REVIEW).toList());
    }

    private static Update amendmentUpdate(Amendment amendment) {
        DecisionDocument after = amendment.after();
        Decision decision = after.decision();
        return new Update()
                .inc("version", 1L)
                .set("status", decision.status().name())
                .set("decision", decision)
                .set("profile", after.profile().name())
                .set("legalName", after.legalName())
                .push("history", decision)
                .push("amendments", after.amendments().get(after.amendments().size() - 1));
    }

    /** One unordered insert of these claims; the positions refused because their _id is taken. */
    private Set<Integer> insertClaims(List<Document> claims) {
        Set<Integer> refused = new HashSet<>();
        if (claims.isEmpty()) {
            return refused;
        }
        try {
            mongo.getCollection(CLAIMS).insertMany(claims, new com.mongodb.client.model.InsertManyOptions().ordered(false));
        } catch (com.mongodb.MongoBulkWriteException e) {
            for (var error : e.getWriteErrors()) {
                if (com.mongodb.ErrorCategory.fromErrorCode(error.getCode()) != com.mongodb.ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
                refused.add(error.getIndex());
            }
        }
        return refused;
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
                claim.getDate("claimedAt").toInstant(), stored.decision().revision());
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
        return page(reviewQueue, profile, cafs, page, size);
    }

    private DecisionPage page(WaitingList list, Profile profile, Set<DepartmentCode> cafs, int page, int size) {
        if (cafs != null && cafs.isEmpty()) {
            return new DecisionPage(List.of(), 0);
        }
        List<WaitingList.Waiting> waiting = (cafs == null ? list.waiting(null) : list.waitingAt(cafs))
                .stream()
                .filter(entry -> profile == null || entry.profile() == profile)
                .toList();
        long from = (long) page * size;
        if (from >= waiting.size()) {
            return new DecisionPage(List.of(), waiting.size());
        }
        List<String> ids = waiting.subList((int) from, (int) Math.min(waiting.size(), from + size)).stream()
                .map(WaitingList.Waiting::requestId).toList();
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
        if (decision.status() == DecisionStatus.CHANGES_REQUESTED) {
            // Waits for the partner from now: the document as decided, so the wait starts at this decision.
            awaitingChanges.add(withDecision(document, decision));
        }
    }

    private static DecisionDocument withDecision(DecisionDocument document, Decision decision) {
        List<Decision> history = new ArrayList<>(document.history());
        history.add(decision);
        return new DecisionDocument(document.id(), document.eventId(), document.reference(), document.cafDepartment(),
                document.siret(), document.profile(), document.legalName(), document.submittedAt(), document.request(),
                decision.status(), decision, history, document.version() + 1, document.amendments());
    }

    /**
     * The requests of these Cafs (of all when null, of none when empty) waiting for their partner's
     * changes, filtered by profile: read by key, the longest wait first.
     */
    public DecisionPage waitingForPartner(Profile profile, Set<DepartmentCode> cafs, int page, int size) {
        return page(awaitingChanges, profile, cafs, page, size);
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
