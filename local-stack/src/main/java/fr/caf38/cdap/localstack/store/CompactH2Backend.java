package fr.caf38.cdap.localstack.store;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.h2.mvstore.MVStore;

/**
 * mongo-java-server's H2 backend with typed maps ({@link CompactH2Database}): documents as BSON and
 * index keys ordered by value. Open the store with {@link StoreFormat#open}, which converts a file of
 * the original format first.
 */
public final class CompactH2Backend extends H2Backend {

    public CompactH2Backend(MVStore store) {
        super(store);
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String name) {
        return new CompactH2Database(name, getMvStore(), getCursorRegistry());
    }
}
