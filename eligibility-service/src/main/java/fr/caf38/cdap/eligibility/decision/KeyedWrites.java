package fr.caf38.cdap.eligibility.decision;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import org.bson.Document;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Exact-_id writes of the documents kept by key beside the decisions. */
final class KeyedWrites {
    private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);
    private static final BulkWriteOptions UNORDERED = new BulkWriteOptions().ordered(false);

    private KeyedWrites() {
    }

    /**
     * One {@code updateOne({_id}, update, upsert)}. Two first writers of the same key may race on the
     * upsert's insert: the loser's retry finds the document and updates it.
     */
    static void upsert(MongoCollection<Document> collection, Object id, Document update) {
        Document filter = new Document("_id", id);
        try {
            collection.updateOne(filter, update, UPSERT);
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            collection.updateOne(filter, update, UPSERT);
        }
    }

    /**
     * One unordered bulk write of {@code updateOne({_id}, $set, upsert)}, one statement per _id: the
     * {@code $set}s given for the same _id are merged (they name distinct paths), so no two statements
     * of the bulk race on the same new document. As for {@link #upsert}, the statements that lost an
     * upsert race to another writer are sent again, once.
     */
    static void upsertAll(MongoCollection<Document> collection, Map<Object, Document> setsById) {
        List<UpdateOneModel<Document>> writes = new ArrayList<>(setsById.size());
        setsById.forEach((id, set) -> writes.add(
                new UpdateOneModel<>(new Document("_id", id), new Document("$set", set), UPSERT)));
        if (writes.isEmpty()) {
            return;
        }
        try {
            collection.bulkWrite(writes, UNORDERED);
        } catch (MongoBulkWriteException e) {
            List<UpdateOneModel<Document>> lost = new ArrayList<>();
            for (var error : e.getWriteErrors()) {
                if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
                lost.add(writes.get(error.getIndex()));
            }
            collection.bulkWrite(lost, UNORDERED);
        }
    }

    /**
     * One unordered bulk write of {@code updateOne({_id}, {<operator>: fields})} without upsert, one
     * statement per _id (for {@code $unset}s of entries: a missing document has nothing to remove).
     */
    static void updateAll(MongoCollection<Document> collection, String operator, Map<Object, Document> fieldsById) {
        List<UpdateOneModel<Document>> writes = new ArrayList<>(fieldsById.size());
        fieldsById.forEach((id, fields) -> writes.add(
                new UpdateOneModel<>(new Document("_id", id), new Document(operator, fields))));
        if (!writes.isEmpty()) {
            collection.bulkWrite(writes, UNORDERED);
        }
    }

    /** Adds {@code set}'s fields to those already gathered for {@code id}. */
    static void merge(Map<Object, Document> setsById, Object id, Document set) {
        setsById.computeIfAbsent(id, key -> new Document()).putAll(set);
    }

    static Map<Object, Document> sets() {
        return new LinkedHashMap<>();
    }
}
