package fr.caf38.cdap.intake.amendment;

import fr.caf38.cdap.events.request.SubmittedRequest;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.FindAndReplaceOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.UUID;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/**
 * Every amended revision of a request's answers, one document each in {@code request_revisions}
 * ({@code _id} = {@code <requestId>|revision|<n>}). Inserting it is how an amendment claims its
 * revision: of two amendments racing for the same revision, the store's duplicate key error tells the
 * second it lost, so a request never gets two revisions of the same number. It also keeps each
 * revision's answers as the partner sent them. All by key.
 */
@Component
public class RequestRevisions {
    static final String COLLECTION = "request_revisions";

    /**
     * One amended revision.
     *
     * @param bodyHash the hash of its meaning, so the same amendment tried again after an interruption goes on
     */
    @Document(COLLECTION)
    public record Revision(@Id String id, String requestId, int revision, SubmittedRequest request, String bodyHash,
                           Instant amendedAt) {

        static Revision of(UUID requestId, int revision, SubmittedRequest request, String bodyHash, Instant at) {
            return new Revision(RequestRevisions.id(requestId, revision), requestId.toString(), revision, request, bodyHash, at);
        }
    }

    private final MongoTemplate mongo;

    public RequestRevisions(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** Claims the revision for {@code mine}: {@code mine} when it is stored now, else the one stored first. */
    public Revision claim(Revision mine) {
        try {
            mongo.insert(mine);
            return mine;
        } catch (DuplicateKeyException taken) {
            // Revision documents are never deleted: the duplicate is there to read.
            return mongo.findById(mine.id(), Revision.class);
        }
    }

    /**
     * Puts {@code mine} in place of {@code abandoned} (a claim whose amendment never reached the request).
     * Returns whether it did: false when the document found was not {@code abandoned} any more.
     */
    public boolean takeOver(Revision abandoned, Revision mine) {
        Revision replaced = mongo.findAndReplace(Query.query(where("_id").is(mine.id())), mine,
                FindAndReplaceOptions.none());
        if (replaced == null || replaced.equals(abandoned)) {
            return replaced != null;
        }
        mongo.findAndReplace(Query.query(where("_id").is(mine.id())), replaced, FindAndReplaceOptions.none());
        return false;
    }

    public Revision find(UUID requestId, int revision) {
        return mongo.findById(id(requestId, revision), Revision.class);
    }

    static String id(UUID requestId, int revision) {
        return requestId + "|revision|" + revision;
    }
}
