package fr.caf38.cdap.localstack.store;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.ObjectDataType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The store file's format, and its one-time conversion. The maps keep the names mongo-java-server's
 * H2 backend gives them ({@code databases.<db>.<collection>} for documents, {@code meta.<db>.<collection>},
 * {@code <db>.<collection>._index_<name>} for unique indexes); format 2 types them
 * ({@link BsonDocumentType}, {@link IndexKeyType}). A file of format 1 (written by the original
 * backend, before December 2026) is converted map by map when the store opens it: each map is copied
 * into a map of the new type, which then takes its name, and the map's name is recorded in
 * {@value #FORMAT_MAP}, all in one commit, so a conversion cut short resumes where it stopped and never
 * reads a map under the wrong type. Nothing is lost: every document and index entry is copied.
 */
public final class StoreFormat {
    static final String FORMAT_MAP = "cdap.store-format";
    static final int CURRENT = 2;
    private static final String VERSION = "version";
    private static final String CONVERTING = ".converting";
    private static final String DATA = "databases.";
    private static final String META = "meta.";
    private static final String INDEX = "._index_";
    private static final Logger log = LoggerFactory.getLogger(StoreFormat.class);

    private StoreFormat() {
    }

    /**
     * Opens the store file (converting it first if it has the original format), with this page cache
     * and H2's {@code autoCompactFillRate} ({@code r}). While writes go on, H2 rewrites chunks
     * once 50 + (their fill rate) / 2 falls below r × r / 100; when idle, once their fill rate falls
     * below r. H2's default, 90, rewrote chunks about 62 % live under this pipeline's random-key updates:
     * a fifth of the store's CPU in a profile, each live page decoded and encoded again to reclaim a
     * little space. At 80 it waits under load until the chunks are about 28 % live (the file then holds
     * up to about 3.5 times its live data), when a rewrite moves few pages for much space, and compacts
     * to 80 % when the store is idle. Below 71 it would never compact under load: the file would grow
     * for as long as the load lasts.
     */
    public static MVStore open(Path file, StoreTuning tuning) {
        MVStore store = builder(file, tuning).open();
        MVMap<String, Object> format = store.openMap(FORMAT_MAP);
        if (Integer.valueOf(CURRENT).equals(format.get(VERSION))) {
            return store;
        }
        if (store.getMapNames().stream().noneMatch(name -> name.startsWith(DATA))) {
            format.put(VERSION, CURRENT); // a new file: nothing to convert
            store.commit();
            return store;
        }
        store.close(); // the conversion commits itself, map by map
        convert(file, tuning);
        return builder(file, tuning).open();
    }

    private static MVStore.Builder builder(Path file, StoreTuning tuning) {
        return new MVStore.Builder().fileName(file.toString()).cacheSize(tuning.cacheMiB())
                .autoCompactFillRate(tuning.compactFillRate());
    }

    static String dataMap(String fullCollectionName) {
        return DATA + fullCollectionName;
    }

    static String metaMap(String fullCollectionName) {
        return META + fullCollectionName;
    }

    static String indexMap(String fullCollectionName, String index) {
        return fullCollectionName + INDEX + index;
    }

    static boolean belongsTo(String map, String database) {
        return map.startsWith(database + ".") || map.startsWith(DATA + database + ".") || map.startsWith(META + database + ".");
    }

    static MVMap.Builder<Object, Document> dataMapType() {
        return new MVMap.Builder<Object, Document>().keyType(new ObjectDataType()).valueType(new BsonDocumentType());
    }

    static MVMap.Builder<KeyValue, Object> indexMapType() {
        return new MVMap.Builder<KeyValue, Object>().keyType(new IndexKeyType()).valueType(new ObjectDataType());
    }

    private static void convert(Path file, StoreTuning tuning) {
        MVStore store = builder(file, tuning).autoCommitDisabled().open();
        try {
            MVMap<String, Object> format = store.openMap(FORMAT_MAP);
            List<String> names = List.copyOf(store.getMapNames());
            names.stream().filter(name -> name.endsWith(CONVERTING)).forEach(store::removeMap); // a copy cut short
            long started = System.nanoTime();
            int converted = 0;
            for (String name : names) {
                if (name.endsWith(CONVERTING) || format.containsKey(name)) {
                    continue;
                }
                if (name.startsWith(DATA)) {
                    copy(store, name, dataMapType());
                } else if (name.contains(INDEX)) {
                    copy(store, name, indexMapType());
                } else {
                    continue;
                }
                format.put(name, CURRENT);
                store.commit();
                converted++;
            }
            format.put(VERSION, CURRENT);
            store.commit();
            log.info("Store {} converted to format {}: {} maps of documents and indexes rewritten in {} ms", file,
                    CURRENT, converted, (System.nanoTime() - started) / 1_000_000);
        } finally {
            store.close();
        }
    }

    private static <K, V> void copy(MVStore store, String name, MVMap.Builder<K, V> type) {
        MVMap<Object, Object> old = store.openMap(name);
        MVMap<K, V> copy = store.openMap(name + CONVERTING, type);
        for (Map.Entry<Object, Object> entry : old.entrySet()) {
            @SuppressWarnings("unchecked") K key = (K) entry.getKey();
            @SuppressWarnings("unchecked") V value = (V) entry.getValue();
            copy.put(key, value);
        }
        store.removeMap(old);
        store.renameMap(copy, name);
    }
}
