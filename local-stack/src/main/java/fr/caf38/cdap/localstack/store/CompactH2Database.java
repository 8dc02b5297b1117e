package fr.caf38.cdap.localstack.store;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractSynchronizedMongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

import java.util.List;

/**
 * A database of the store, its collections and indexes in H2 maps named as mongo-java-server's H2
 * backend names them ({@link StoreFormat}), typed with {@link BsonDocumentType} and
 * {@link IndexKeyType}.
 */
final class CompactH2Database extends AbstractSynchronizedMongoDatabase<Object> {
    private final MVStore store;

    CompactH2Database(String name, MVStore store, CursorRegistry cursors) {
        super(name, cursors);
        this.store = store;
        initializeNamespacesAndIndexes();
    }

    @Override
    protected Index<Object> openOrCreateUniqueIndex(String collection, String index, List<IndexKey> keys, boolean sparse) {
        MVMap<KeyValue, Object> map = store.openMap(StoreFormat.indexMap(getFullCollectionNamespace(collection), index),
                StoreFormat.indexMapType());
        return new KeyOrderedUniqueIndex(map, index, keys, sparse);
    }

    @Override
    protected MongoCollection<Object> openOrCreateCollection(String collection, CollectionOptions options) {
        String fullName = getFullCollectionNamespace(collection);
        MVMap<Object, Document> data = store.openMap(StoreFormat.dataMap(fullName), StoreFormat.dataMapType());
        MVMap<String, Object> meta = store.openMap(StoreFormat.metaMap(fullName));
        return new PrivateCopyH2Collection(this, collection, options, data, meta, cursorRegistry);
    }

    @Override
    protected void dropIndex(MongoCollection<Object> collection, String index) {
        super.dropIndex(collection, index);
        store.removeMap(StoreFormat.indexMap(collection.getFullName(), index));
    }

    @Override
    public void drop(Oplog oplog) {
        super.drop(oplog);
        for (String map : store.getMapNames()) {
            if (StoreFormat.belongsTo(map, databaseName)) {
                store.removeMap(map);
            }
        }
    }

    @Override
    public void dropCollection(String collection, Oplog oplog) {
        super.dropCollection(collection, oplog);
        String fullName = getFullCollectionNamespace(collection);
        store.removeMap(StoreFormat.dataMap(fullName));
        store.removeMap(StoreFormat.metaMap(fullName));
    }

    @Override
    public void moveCollection(MongoDatabase oldDatabase, MongoCollection<?> collection, String newName) {
        super.moveCollection(oldDatabase, collection, newName);
        String from = collection.getFullName();
        String to = getFullCollectionNamespace(newName);
        store.renameMap(store.openMap(StoreFormat.dataMap(from), StoreFormat.dataMapType()), StoreFormat.dataMap(to));
        store.renameMap(store.openMap(StoreFormat.metaMap(from)), StoreFormat.metaMap(to));
    }

    @Override
    protected long getStorageSize() {
        FileStore<?> file = store.getFileStore();
        return file == null ? 0 : file.size();
    }

    @Override
    protected long getFileSize() {
        return getStorageSize();
    }
}
