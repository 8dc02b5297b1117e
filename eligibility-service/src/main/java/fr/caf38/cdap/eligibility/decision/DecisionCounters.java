package fr.caf38.cdap.eligibility.decision;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import fr.caf38.cdap.events.Finding;
import fr.caf38.cdap.events.value.DecisionStatus;
import fr.caf38.cdap.events.value.FindingLevel;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The agents' dashboard figures, counted by key as decisions happen, in collection {@value #COLLECTION}:
 * one document per Caf and ISO week of submission (in the agents' time zone),
 * <pre>{_id: "38|2026-W49", caf: "38", week: "2026-W49",
 *  outcomes: {APPROVED: 12, UNDER_REVIEW: 3, ...},        the requests' current outcome
 *  finalTimes: {b0: 9, b4: 2, ...},                       time from submission to the final decision, by bucket
 *  rejections: 4, rejectionFindings: {T2_NO_SUBSIDY: 3, ...}}  what led to each rejection</pre>
 * A decision moves its request from its previous outcome to the new one ({@code $inc}), so a week's
 * outcomes are what became of the requests submitted that week. Counted only for a decision that was
 * stored now (an insert that succeeded, a review claim that was won), so a redelivery counts nothing;
 * a crash between a decision and its count loses that count (never counts it twice).
 */
@Component
public class DecisionCounters {
    public static final String COLLECTION = "decision_counters";
    /** Upper bounds of the time-to-final-decision buckets; the last bucket has none. */
    public static final List<Duration> BUCKETS = List.of(Duration.ofMinutes(1), Duration.ofMinutes(10),
            Duration.ofHours(1), Duration.ofHours(4), Duration.ofDays(1), Duration.ofDays(2), Duration.ofDays(5),
            Duration.ofDays(10), Duration.ofDays(30));
    /** Findings that say why a request was not approved as it stood (OK and INFO do not). */
    private static final Set<FindingLevel> REASONS = EnumSet.of(FindingLevel.REVIEW, FindingLevel.REJECT,
            FindingLevel.REDIRECT);
    private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);
    private static final BulkWriteOptions UNORDERED = new BulkWriteOptions().ordered(false);

    private final MongoTemplate mongo;
    private final ZoneId zone;

    public DecisionCounters(MongoTemplate mongo,
                            @Value("${cdap.eligibility.console.time-zone:Europe/Paris}") ZoneId zone) {
        this.mongo = mongo;
        this.zone = zone;
    }

    /** {@code 2026-W49}: the ISO week of this instant in the agents' zone. */
    public String week(Instant instant) {
        ZonedDateTime at = instant.atZone(zone);
        return String.format("%d-W%02d", at.get(IsoFields.WEEK_BASED_YEAR), at.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    public static String id(String caf, String week) {
        return caf + "|" + week;
    }

    /** The bucket of a time to decision: {@code b0} for under a minute... */
    public static int bucket(Duration elapsed) {
        for (int i = 0; i < BUCKETS.size(); i++) {
            if (elapsed.compareTo(BUCKETS.get(i)) <= 0) {
                return i;
            }
        }
        return BUCKETS.size();
    }

    /** First decisions of a batch, just stored: one unordered bulk of one {@code $inc} upsert per Caf and week. */
    void countFirst(Collection<DecisionDocument> stored) {
        Map<String, Document> incs = new LinkedHashMap<>();
        for (DecisionDocument document : stored) {
            add(incs, document, document.decision(), null);
        }
        write(incs);
    }

    /** A decision following another (the rules' on an amendment), just stored. */
    public record Following(DecisionDocument document, Decision decision, Decision previous) {
    }

    /** Decisions following others, just stored: one unordered bulk of one {@code $inc} upsert per Caf and week. */
    void countFollowing(Collection<Following> stored) {
        Map<String, Document> incs = new LinkedHashMap<>();
        for (Following following : stored) {
            add(incs, following.document(), following.decision(), following.previous());
        }
        write(incs);
    }

    /** An agent's decision, just stored, following {@code previous}. */
    void count(DecisionDocument document, Decision decision, Decision previous) {
        Map<String, Document> incs = new LinkedHashMap<>();
        add(incs, document, decision, previous);
        write(incs);
    }

    /**
     * Adds to {@code incs} what this request's decisions up to {@code cutoff} count, as if each had been
     * counted when taken: for the start-up build of decisions stored before the counters existed.
     */
    void replay(Map<String, Document> incs, DecisionDocument document, Instant cutoff) {
        Decision previous = null;
        for (Decision decision : document.history()) {
            if (decision.decidedAt().isAfter(cutoff)) {
                break;
            }
            add(incs, document, decision, previous);
            previous = decision;
        }
    }

    /**
     * Writes built counts once per counter document: the update matches only a document not built
     * yet ({@code built} absent), so a second build finds it built (its upsert's insert is refused by
     * the _id) and adds nothing. Start-up only, not a request's path.
     */
    void writeBuilt(Map<String, Document> incs, Instant cutoff) {
        incs.forEach((id, inc) -> {
            String[] key = id.split("\\|", 2);
            try {
                collection().updateOne(new Document("_id", id).append("built", new Document("$exists", false)),
                        new Document("$inc", inc).append("$set", new Document("built", java.util.Date.from(cutoff)))
                                .append("$setOnInsert", new Document("caf", key[0]).append("week", key[1])),
                        UPSERT);
            } catch (com.mongodb.MongoWriteException alreadyBuilt) {
                if (alreadyBuilt.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                    throw alreadyBuilt;
                }
            }
        });
    }

    /** The counters of these Caf and week keys, by _id: one find by {@code _id $in}. */
    public Map<String, Document> read(Collection<String> ids) {
        Map<String, Document> byId = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return byId;
        }
        for (Document document : collection().find(new Document("_id", new Document("$in", List.copyOf(ids))))) {
            byId.put(document.getString("_id"), document);
        }
        return byId;
    }

    private void add(Map<String, Document> incs, DecisionDocument document, Decision decision, Decision previous) {
        Document inc = incs.computeIfAbsent(id(document.cafDepartment().value(), week(document.submittedAt())),
                key -> new Document());
        increment(inc, "outcomes." + decision.status().name(), 1);
        if (previous != null) {
            increment(inc, "outcomes." + previous.status().name(), -1);
        }
        if (decision.status().isFinal() && (previous == null || !previous.status().isFinal())) {
            Duration elapsed = Duration.between(document.submittedAt(), decision.decidedAt());
            increment(inc, "finalTimes.b" + bucket(elapsed.isNegative() ? Duration.ZERO : elapsed), 1);
        }
        if (decision.status() == DecisionStatus.REJECTED) {
            increment(inc, "rejections", 1);
            Set<String> codes = new LinkedHashSet<>();
            for (Finding finding : decision.findings()) {
                if (REASONS.contains(finding.level())) {
                    codes.add(finding.code());
                }
            }
            codes.forEach(code -> increment(inc, "rejectionFindings." + code, 1));
        }
    }

    private static void increment(Document inc, String field, int by) {
        inc.merge(field, by, (a, b) -> (Integer) a + (Integer) b);
    }

    private void write(Map<String, Document> incs) {
        List<UpdateOneModel<Document>> writes = new ArrayList<>(incs.size());
        incs.forEach((id, inc) -> {
            String[] key = id.split("\\|", 2);
            writes.add(new UpdateOneModel<>(new Document("_id", id), new Document("$inc", inc)
                    .append("$setOnInsert", new Document("caf", key[0]).append("week", key[1])), UPSERT));
        });
        if (writes.isEmpty()) {
            return;
        }
        try {
            collection().bulkWrite(writes, UNORDERED);
        } catch (MongoBulkWriteException e) {
            // Two first writers of a week raced on its insert: the loser's statement was not applied; apply it now.
            List<UpdateOneModel<Document>> lost = new ArrayList<>();
            for (var error : e.getWriteErrors()) {
                if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
                lost.add(writes.get(error.getIndex()));
            }
            collection().bulkWrite(lost, UNORDERED);
        }
    }

    private MongoCollection<Document> collection() {
        return mongo.getCollection(COLLECTION);
    }
}
