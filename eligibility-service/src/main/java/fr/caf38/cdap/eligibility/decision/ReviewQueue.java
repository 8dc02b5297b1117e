package fr.caf38.cdap.eligibility.decision;

import com.mongodb.client.MongoCollection;
import fr.caf38.cdap.events.value.DepartmentCode;
import fr.caf38.cdap.events.value.Profile;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What waits for an agent, one document per Caf in collection {@code review_queue}:
 * <pre>{_id: "38", waiting: {&lt;requestId&gt;: {submittedAt, profile}}}</pre>
 * A decision UNDER_REVIEW sets its entry, an agent's decision unsets it: the queue page and the
 * gauges read these documents by _id, at a cost that follows what waits, not what is stored.
 */
@Component
public class ReviewQueue {
    public static final String COLLECTION = "review_queue";
    private static final List<Object> ALL_CAFS = List.copyOf(DepartmentCode.ALL);

    /** A request waiting for review. */
    public record Waiting(String requestId, String cafDepartment, Profile profile, Instant submittedAt) {
        static final Comparator<Waiting> OLDEST_FIRST =
                Comparator.comparing(Waiting::submittedAt).thenComparing(Waiting::requestId);
    }

    private final MongoTemplate mongo;

    public ReviewQueue(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    void add(DecisionDocument document) {
        KeyedWrites.upsert(collection(), document.cafDepartment().value(), entry(document));
    }

    void remove(DecisionDocument document) {
        collection().updateOne(new Document("_id", document.cafDepartment().value()),
                new Document("$unset", new Document("waiting." + document.id(), "")));
    }

    /**
     * Entries for several documents waiting (a batch's, or the start-up rebuild's), as one unordered
     * bulk write of one upsert by _id per Caf.
     */
    void addAll(List<DecisionDocument> documents) {
        Map<Object, Document> sets = KeyedWrites.sets();
        documents.forEach(document -> KeyedWrites.merge(sets, document.cafDepartment().value(), waitingEntry(document)));
        KeyedWrites.upsertAll(collection(), sets);
    }

    /** What waits at this Caf (every Caf when null), oldest submission first: one read by _id. */
    public List<Waiting> waiting(DepartmentCode cafDepartment) {
        return read(cafDepartment == null
                ? new Document("_id", new Document("$in", ALL_CAFS))
                : new Document("_id", cafDepartment.value()));
    }

    private List<Waiting> read(Document filter) {
        List<Waiting> waiting = new ArrayList<>();
        for (Document queue : collection().find(filter)) {
            if (queue.get("waiting") instanceof Document entries) {
                for (Map.Entry<String, Object> entry : entries.entrySet()) {
                    Document value = (Document) entry.getValue();
                    waiting.add(new Waiting(entry.getKey(), queue.getString("_id"),
                            Profile.valueOf(value.getString("profile")), value.getDate("submittedAt").toInstant()));
                }
            }
        }
        waiting.sort(Waiting.OLDEST_FIRST);
        return waiting;
    }

    /** What waits at these Cafs, oldest submission first: one read by _id (or _id $in). */
    public List<Waiting> waitingAt(Collection<DepartmentCode> cafs) {
        if (cafs.isEmpty()) {
            return List.of();
        }
        if (cafs.size() == 1) {
            return waiting(cafs.iterator().next());
        }
        return read(new Document("_id", new Document("$in",
                cafs.stream().map(DepartmentCode::value).sorted().toList())));
    }

    public long count() {
        return waiting(null).size();
    }

    /** When the request waiting longest was submitted, if any waits. */
    public Optional<Instant> oldest() {
        return waiting(null).stream().findFirst().map(Waiting::submittedAt);
    }

    private static Document entry(DecisionDocument document) {
        return new Document("$set", waitingEntry(document));
    }

    private static Document waitingEntry(DecisionDocument document) {
        return new Document("waiting." + document.id(), new Document("submittedAt", Date.from(document.submittedAt()))
                .append("profile", document.profile().name()));
    }

    private MongoCollection<Document> collection() {
        return mongo.getCollection(COLLECTION);
    }
}
