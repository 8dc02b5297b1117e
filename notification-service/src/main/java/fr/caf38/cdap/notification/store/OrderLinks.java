package fr.caf38.cdap.notification.store;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.model.InsertManyOptions;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The links of the ordering rule that an email cannot derive from its own key, in {@value #COLLECTION}:
 * one document per such email, {@code _id} = that email's _id, {@code follows} = the _id of the email
 * it comes after. Today only an amendment's acknowledgement needs one: it follows the previous
 * revision's CHANGES_REQUESTED email, whose decision number it does not know; that email leaves
 * the link when it is stored. Inserted (a duplicate is the same link again) and read by _id only.
 */
final class OrderLinks {
    static final String COLLECTION = "notification_order";
    private static final String FOLLOWS = "follows";
    private static final int DUPLICATE_KEY = 11000;

    private final MongoTemplate mongo;

    OrderLinks(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** Records that each key's email follows its value's, in one unordered insert; links already there are kept. */
    void record(Map<String, String> followsByEmail) {
        if (followsByEmail.isEmpty()) {
            return;
        }
        List<Document> documents = followsByEmail.entrySet().stream()
                .map(link -> new Document("_id", link.getKey()).append(FOLLOWS, link.getValue())).toList();
        try {
            mongo.getCollection(COLLECTION).insertMany(documents, new InsertManyOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            for (BulkWriteError error : e.getWriteErrors()) {
                if (error.getCode() != DUPLICATE_KEY) {
                    throw e;
                }
            }
        }
    }

    /** The _id each of these emails follows, for those whose link is recorded: one read by key. */
    Map<String, String> followed(Collection<String> emailIds) {
        Map<String, String> links = new HashMap<>();
        if (emailIds.isEmpty()) {
            return links;
        }
        for (Document link : mongo.find(Query.query(Criteria.where("_id").in(emailIds)), Document.class, COLLECTION)) {
            links.put(link.getString("_id"), link.getString(FOLLOWS));
        }
        return links;
    }
}
