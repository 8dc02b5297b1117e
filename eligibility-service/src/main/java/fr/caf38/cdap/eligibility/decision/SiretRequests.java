package fr.caf38.cdap.eligibility.decision;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import fr.caf38.cdap.events.value.DecisionStatus;
import fr.caf38.cdap.events.value.DepartmentCode;
import fr.caf38.cdap.events.value.Profile;
import fr.caf38.cdap.events.value.Siret;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;

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
    private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);
    private static final BulkWriteOptions UNORDERED = new BulkWriteOptions().ordered(false);

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
        if (document == null || !(document.get("requests") instanceof Document requests)) {
            return List.of();
        }
        List<Entry> entries = new ArrayList<>();
        for (Map.Entry<String, Object> request : requests.entrySet()) {
            Document entry = (Document) request.getValue();
            DecisionStatus status = current(entry.get("decisions", Document.class));
            Date submittedAt = entry.getDate("submittedAt");
            if (status != null) {
                entries.add(new Entry(request.getKey(), entry.getString("reference"),
                        submittedAt == null ? Instant.EPOCH : submittedAt.toInstant(), status));
            }
        }
        entries.sort(Comparator.comparing(Entry::submittedAt).thenComparing(Entry::reference,
                Comparator.nullsLast(Comparator.naturalOrder())));
        return entries;
    }

    /** Records one decision of this request: one exact-_id upsert. */
    void record(DecisionDocument document, Decision decision) {
        KeyedWrites.upsert(collection(), key(document), update(document, List.of(decision)));
    }

    /** The same records for several documents (start-up rebuild), as one unordered bulk write. */
    void recordAll(List<DecisionDocument> documents) {
        List<UpdateOneModel<Document>> writes = documents.stream()
                .map(document -> new UpdateOneModel<Document>(new Document("_id", key(document)),
                        update(document, document.history()), UPSERT))
                .toList();
        if (!writes.isEmpty()) {
            collection().bulkWrite(writes, UNORDERED);
        }
    }

    private static String key(DecisionDocument document) {
        return key(document.cafDepartment(), document.siret(), document.profile());
    }

    private static Document update(DecisionDocument document, List<Decision> decisions) {
        String path = "requests." + document.id();
        Document set = new Document(path + ".reference", document.reference())
                .append(path + ".submittedAt", Date.from(document.submittedAt()));
        decisions.forEach(decision -> set.append(path + ".decisions.n" + decision.decisionNumber(),
                decision.status().name()));
        return new Document("$set", set);
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
