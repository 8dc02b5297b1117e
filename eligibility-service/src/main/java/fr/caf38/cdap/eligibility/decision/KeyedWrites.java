package fr.caf38.cdap.eligibility.decision;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.UpdateOptions;
import org.bson.Document;

/** Exact-_id writes of the documents kept by key beside the decisions. */
final class KeyedWrites {
    private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);

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
}
