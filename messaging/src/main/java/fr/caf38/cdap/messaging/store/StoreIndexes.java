package fr.caf38.cdap.messaging.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.IndexDefinition;
import org.springframework.data.mongodb.core.index.IndexInfo;
import org.springframework.data.mongodb.core.index.IndexOperations;

import java.util.List;

/**
 * Creates the indexes the service's {@link IndexedStore}s declare, once, at start-up: after every bean
 * is made and before anything starts consuming (a unique key is in place before the first event). Never
 * on a request's path. A store that cannot create them (away, or the embedded store, which ignores
 * secondary indexes) still works: the first failure is logged and the rest skipped, so an unreachable
 * store is not waited for once per index.
 */
public final class StoreIndexes {
    private static final Logger log = LoggerFactory.getLogger(StoreIndexes.class);

    private final MongoTemplate mongo;

    public StoreIndexes(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** Creates these collections' indexes and drops their former ones; false when the store refused. */
    public boolean create(List<CollectionIndexes> collections) {
        for (CollectionIndexes collection : collections) {
            try {
                IndexOperations operations = mongo.indexOps(collection.collection());
                dropFormer(operations, collection);
                for (IndexDefinition index : collection.indexes()) {
                    operations.createIndex(index);
                }
            } catch (RuntimeException e) {
                log.warn("Indexes of {} not created ({}); reads by _id and unique _ids work without them, "
                        + "the agents' lists run slower", collection.collection(), e.toString());
                return false;
            }
        }
        return true;
    }

    private static void dropFormer(IndexOperations operations, CollectionIndexes collection) {
        if (collection.formerIndexes().isEmpty()) {
            return;
        }
        for (IndexInfo index : operations.getIndexInfo()) {
            if (collection.formerIndexes().contains(index.getName())) {
                try {
                    operations.dropIndex(index.getName());
                    log.info("Dropped index {} of {} (no longer needed)", index.getName(), collection.collection());
                } catch (RuntimeException droppedByAnotherInstance) {
                    log.debug("Index {} already dropped: {}", index.getName(), droppedByAnotherInstance.toString());
                }
            }
        }
    }
}
