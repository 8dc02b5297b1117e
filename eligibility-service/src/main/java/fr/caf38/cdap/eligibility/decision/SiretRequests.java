package fr.caf38.cdap.eligibility.decision;

import com.mongodb.client.MongoCollection;
import fr.caf38.cdap.events.value.DecisionStatus;
import fr.caf38.cdap.events.value.DepartmentCode;
import fr.caf38.cdap.events.value.Profile;
import fr.caf38.cdap.events.value.Siret;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Date;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The requests of one Caf, SIRET and profile, in collection {@code siret_requests}, so that the
 * duplicate rule reads one document by key instead of querying the decisions:
 * <pre>{_id: "38|12345678901234|T4",
 *  requests: {&lt;requestId&gt;: {reference, submittedAt, decisions: {n1: "UNDER_REVIEW", n2: "APPROVED"}}}}</pre>
 * Each decision sets its own numbered entry, so writing one twice, or late, changes nothing: the
 * request's status is that of its highest decision number.
 */
@Component
public class SiretRequests {
    public static final String COLLECTION = "siret_requests";
    private static final Set<DecisionStatus> OPEN_STATUSES =
            EnumSet.of(DecisionStatus.APPROVED, DecisionStatus.UNDER_REVIEW, DecisionStatus.CHANGES_REQUESTED);
    private static final Comparator<Entry> OLDEST_FIRST = Comparator.comparing(Entry::submittedAt)
            .thenComparing(Entry::reference, Comparator.nullsLast(Comparator.naturalOrder()));

    /** One request of a key, with its current status. */
    public record Entry(String requestId, String reference, Instant submittedAt, DecisionStatus status) {
    }

    private final MongoTemplate mongo;

    public SiretRequests(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    static String key(DepartmentCode cafDepartment, Siret siret, Profile profile) {
        return cafDepartment.value() + "|" + siret.value() + "|" + profile.name();
    }

    /** Every request of this Caf, SIRET and profile, oldest submission first: one read by _id. */
    public List<Entry> entries(DepartmentCode cafDepartment, Siret siret, Profile profile) {
        Document document = collection().find(new Document("_id", key(cafDepartment, siret, profile))).first();
        List<Entry> entries = document == null ? new ArrayList<>() : entries(document);
        entries.sort(OLDEST_FIRST);
        return entries;
    }

    /** The requests of several keys (a batch's), in one read by {@code _id $in}; a key never written is absent. */
    Map<String, List<Entry>> entries(Collection<String> keys) {
        Map<String, List<Entry>> byKey = new HashMap<>();
        if (keys.isEmpty()) {
            return byKey;
        }
        for (Document document : collection().find(new Document("_id", new Document("$in", List.copyOf(keys))))) {
            byKey.put(document.getString("_id"), entries(document));
        }
        return byKey;
    }

    /**
     * The references of these entries that are APPROVED, UNDER_REVIEW or CHANGES_REQUESTED, except {@code exceptId}'s,
     * oldest submission first: what the duplicate rule names.
     */
    static List<String> openReferences(Collection<Entry> entries, String exceptId) {
        return entries.stream()
                .filter(entry -> !entry.requestId().equals(exceptId) && OPEN_STATUSES.contains(entry.status()))
                .sorted(OLDEST_FIRST)
                .map(Entry::reference)
                .toList();
    }

    private static List<Entry> entries(Document document) {
        List<Entry> entries = new ArrayList<>();
        if (!(document.get("requests") instanceof Document requests)) {
            return entries;
        }
        for (Map.Entry<String, Object> request : requests.entrySet()) {
            Document entry = (Document) request.getValue();
            DecisionStatus status = current(entry.get("decisions", Document.class));
            Date submittedAt = entry.getDate("submittedAt");
            if (status != null) {
                entries.add(new Entry(request.getKey(), entry.getString("reference"),
                        submittedAt == null ? Instant.EPOCH : submittedAt.toInstant(), status));
            }
        }
        return entries;
    }

    /** Records one decision of this request: one exact-_id upsert. */
    void record(DecisionDocument document, Decision decision) {
        KeyedWrites.upsert(collection(), key(document), update(document, List.of(decision)));
    }

    /**
     * Every decision of these documents (a batch's, or the start-up rebuild's), as one unordered bulk
     * write of one upsert by _id per key.
     */
    void recordAll(List<DecisionDocument> documents) {
        Map<Object, Document> sets = KeyedWrites.sets();
        documents.forEach(document -> KeyedWrites.merge(sets, key(document), set(document, document.history())));
        KeyedWrites.upsertAll(collection(), sets);
    }

    /**
     * Removes these requests from the keys they were kept under (an amendment changed their profile,
     * so they count under the new key only): one unordered bulk of one {@code $unset} by _id per key.
     *
     * @param requestIdsByKey the request ids to remove, by their former key
     */
    void removeAll(Map<String, List<String>> requestIdsByKey) {
        Map<Object, Document> unsets = KeyedWrites.sets();
        requestIdsByKey.forEach((key, ids) -> ids.forEach(id ->
                KeyedWrites.merge(unsets, key, new Document("requests." + id, ""))));
        KeyedWrites.updateAll(collection(), "$unset", unsets);
    }

    static String key(DecisionDocument document) {
        return key(document.cafDepartment(), document.siret(), document.profile());
    }

    private static Document update(DecisionDocument document, List<Decision> decisions) {
        return new Document("$set", set(document, decisions));
    }

    private static Document set(DecisionDocument document, List<Decision> decisions) {
        String path = "requests." + document.id();
        Document set = new Document(path + ".reference", document.reference())
                .append(path + ".submittedAt", Date.from(document.submittedAt()));
        decisions.forEach(decision -> set.append(path + ".decisions.n" + decision.decisionNumber(),
                decision.status().name()));
        return set;
    }

    private static DecisionStatus current(Document decisions) {
        if (decisions == null) {
            return null;
        }
        return decisions.entrySet().stream()
                .max(Comparator.comparingInt(entry -> Integer.parseInt(entry.getKey().substring(1))))
                .map(entry -> DecisionStatus.valueOf((String) entry.getValue()))
                .orElse(null);
    }

    private MongoCollection<Document> collection() {
        return mongo.getCollection(COLLECTION);
    }
}
