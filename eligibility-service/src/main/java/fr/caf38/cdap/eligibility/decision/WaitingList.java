package fr.caf38.cdap.eligibility.decision;

import com.mongodb.client.MongoCollection;
import fr.caf38.cdap.events.value.DepartmentCode;
import fr.caf38.cdap.events.value.Profile;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Requests waiting for someone, one document per Caf:
 * <pre>{_id: "38", waiting: {&lt;requestId&gt;: {submittedAt, profile, since}}}</pre>
 * A decision that makes a request wait sets its entry, the decision that ends the wait unsets it: the
 * lists and gauges read these documents by _id, at a cost that follows what waits, not what is stored.
 * {@code since} is when the wait began (the decision's time; absent from entries written before it
 * was kept, which read as the submission).
 */
public abstract class WaitingList {
    private static final List<Object> ALL_CAFS = List.copyOf(DepartmentCode.ALL);

    /** A request waiting. */
    public record Waiting(String requestId, String cafDepartment, Profile profile, Instant submittedAt,
                          Instant since) {
        static final Comparator<Waiting> OLDEST_SUBMISSION_FIRST =
                Comparator.comparing(Waiting::submittedAt).thenComparing(Waiting::requestId);
        static final Comparator<Waiting> LONGEST_WAIT_FIRST =
                Comparator.comparing(Waiting::since).thenComparing(Waiting::requestId);
    }

    private final MongoTemplate mongo;
    private final String collection;
    private final Comparator<Waiting> order;

    WaitingList(MongoTemplate mongo, String collection, Comparator<Waiting> order) {
        this.mongo = mongo;
        this.collection = collection;
        this.order = order;
    }

    void add(DecisionDocument document) {
        KeyedWrites.upsert(collection(), document.cafDepartment().value(), new Document("$set", waitingEntry(document)));
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

    /** Removes the entries of these documents: one unordered bulk write of one update by _id per Caf. */
    void removeAll(List<DecisionDocument> documents) {
        Map<Object, Document> unsets = KeyedWrites.sets();
        documents.forEach(document -> KeyedWrites.merge(unsets, document.cafDepartment().value(),
                new Document("waiting." + document.id(), "")));
        KeyedWrites.updateAll(collection(), "$unset", unsets);
    }

    /** What waits at this Caf (every Caf when null), in this list's order: one read by _id. */
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
                    Instant submittedAt = value.getDate("submittedAt").toInstant();
                    Date since = value.getDate("since");
                    waiting.add(new Waiting(entry.getKey(), queue.getString("_id"),
                            Profile.valueOf(value.getString("profile")), submittedAt,
                            since == null ? submittedAt : since.toInstant()));
                }
            }
        }
        waiting.sort(order);
        return waiting;
    }

    /** What waits at these Cafs, in this list's order: one read by _id (or _id $in). */
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
        return waiting(null).stream().map(Waiting::submittedAt).min(Comparator.naturalOrder());
    }

    private static Document waitingEntry(DecisionDocument document) {
        return new Document("waiting." + document.id(), new Document("submittedAt", Date.from(document.submittedAt()))
                .append("profile", document.profile().name())
                .append("since", Date.from(since(document))));
    }

    /** When the current decision was taken, from the history (which every projection of the key documents reads). */
    private static Instant since(DecisionDocument document) {
        List<Decision> history = document.history();
        return history.isEmpty() ? document.submittedAt() : history.get(history.size() - 1).decidedAt();
    }

    private MongoCollection<Document> collection() {
        return mongo.getCollection(collection);
    }
}
