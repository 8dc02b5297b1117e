package fr.caf38.cdap.localstack.store;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.DocumentWithPosition;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.MVMap;

import java.util.stream.Stream;

/**
 * A collection whose stored documents nobody else holds. mongo-java-server applies an update to the
 * document it read, in place, before putting it back; H2's background writer may be encoding that
 * very object into a page at the same moment (it treats stored values as immutable), and a document
 * encoded half-updated, or a {@link java.util.ConcurrentModificationException} that closes the store,
 * was the result. So every document handed out is a copy, and every document put in is one too.
 */
final class PrivateCopyH2Collection extends H2Collection {
    private final MVMap<Object, Document> data;

    PrivateCopyH2Collection(MongoDatabase database, String name, CollectionOptions options, MVMap<Object, Document> data,
                            MVMap<String, Object> meta, CursorRegistry cursors) {
        super(database, name, options, data, meta, cursors);
        this.data = data;
    }

    @Override
    protected Object addDocumentInternal(Document document) {
        return super.addDocumentInternal(document.cloneDeeply());
    }

    @Override
    protected void handleUpdate(Object position, Document oldDocument, Document newDocument) {
        super.handleUpdate(position, oldDocument, newDocument.cloneDeeply());
    }

    @Override
    protected Document getDocument(Object position) {
        Document stored = super.getDocument(position);
        return stored == null ? null : stored.cloneDeeply();
    }

    @Override
    protected Stream<DocumentWithPosition<Object>> streamAllDocumentsWithPosition() {
        return data.entrySet().stream()
                .map(entry -> new DocumentWithPosition<>(entry.getValue().cloneDeeply(), entry.getKey()));
    }

    @Override
    protected QueryResult matchDocuments(Document query, Document orderBy, int skip, int limit, int batchSize,
                                         Document fields) {
        if (isNaturalDescending(orderBy)) {
            return super.matchDocuments(query, orderBy, skip, limit, batchSize, fields); // through the stream above
        }
        return matchDocumentsFromStream(data.values().stream().map(Document::cloneDeeply), query, orderBy, skip, limit,
                batchSize, fields);
    }
}
