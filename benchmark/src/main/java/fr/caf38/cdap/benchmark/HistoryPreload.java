package fr.caf38.cdap.benchmark;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.InsertManyOptions;
import org.bson.Document;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills the stores with history, straight into the services' databases and in their own formats:
 * every collection that holds documents per request is filled with copies of the documents the
 * pipeline itself stored (so the layout is exactly the services'), each copy with its own request
 * ids, event ids, references and SIRET, in the proportion the collection has to the requests.
 * Much faster than the API (no emails, no Kafka) and it stores the same documents.
 */
final class HistoryPreload {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(HistoryPreload.class);
    private static final Pattern UUID_TEXT = Pattern.compile(
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern REFERENCE = Pattern.compile("CDAP-(\\d{2,3})-(\\d{4})-(\\d+)");
    private static final Pattern SIRET = Pattern.compile("(?<![0-9])[0-9]{14}(?![0-9])");
    private static final List<String> DATABASES = List.of("intake", "eligibility", "notification");
    /** Collections that are not per request (pending work, counters, claims of live work) are left as they are. */
    private static final List<String> SKIPPED = List.of("outbox_pending");
    private static final int TEMPLATES = 200;
    private static final int BATCH = 1000;

    private final java.util.function.Function<String, String> storeUri;

    /** @param storeUri the store that holds each database */
    HistoryPreload(java.util.function.Function<String, String> storeUri) {
        this.storeUri = storeUri;
    }

    /** Adds {@code requests} requests' worth of documents; returns documents inserted per collection. */
    Map<String, Long> preload(int requests) {
        Map<String, Long> inserted = new LinkedHashMap<>();
        long stored;
        try (MongoClient intake = MongoClients.create(storeUri.apply("intake"))) {
            stored = intake.getDatabase("intake").getCollection("requests").estimatedDocumentCount();
        }
        if (stored == 0) {
            throw new IllegalStateException("no request stored yet: run a stage before the preload");
        }
        for (String database : DATABASES) {
            try (MongoClient client = MongoClients.create(storeUri.apply(database))) {
                MongoDatabase db = client.getDatabase(database);
                for (String name : db.listCollectionNames()) {
                    MongoCollection<Document> collection = db.getCollection(name);
                    long count = collection.estimatedDocumentCount();
                    // A collection with fewer documents than a tenth of the requests is not per request.
                    if (SKIPPED.contains(name) || count < Math.max(10, stored / 10)) {
                        continue;
                    }
                    long copies = Math.round((double) requests * count / stored);
                    long started = System.nanoTime();
                    inserted.put(database + "." + name, copy(collection, copies));
                    log.info("Preload: {}.{} +{} documents in {} s", database, name, copies,
                            (System.nanoTime() - started) / 1_000_000_000);
                }
            }
        }
        return inserted;
    }

    private long copy(MongoCollection<Document> collection, long copies) {
        List<String> templates = new ArrayList<>();
        collection.find().limit(TEMPLATES).forEach(document -> templates.add(document.toJson()));
        long done = 0;
        List<Document> batch = new ArrayList<>(BATCH);
        for (long i = 0; i < copies; i++) {
            batch.add(Document.parse(fresh(templates.get((int) (i % templates.size())), i)));
            if (batch.size() == BATCH || i == copies - 1) {
                done += insert(collection, batch);
                batch.clear();
            }
        }
        return done;
    }

    private static long insert(MongoCollection<Document> collection, List<Document> batch) {
        try {
            collection.insertMany(batch, new InsertManyOptions().ordered(false));
            return batch.size();
        } catch (MongoBulkWriteException e) {
            return batch.size() - e.getWriteErrors().size();
        }
    }

    /**
     * The template with every id it holds replaced, consistently within the copy: the same request id
     * stays the same request id everywhere in it, but no copy shares one with another or the original.
     */
    static String fresh(String json, long copy) {
        Map<String, String> ids = new HashMap<>();
        String withIds = replace(UUID_TEXT, json, m -> ids.computeIfAbsent(m.group(), k -> UUID.randomUUID().toString()));
        String withReferences = replace(REFERENCE, withIds,
                m -> "CDAP-" + m.group(1) + "-1999-" + String.format("%07d", copy));
        Map<String, String> sirets = new HashMap<>();
        return replace(SIRET, withReferences, m -> sirets.computeIfAbsent(m.group(),
                k -> String.format("%014d", ThreadLocalRandom.current().nextLong(100_000_000_000_000L))));
    }

    private static String replace(Pattern pattern, String text, java.util.function.Function<Matcher, String> by) {
        Matcher matcher = pattern.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (matcher.find()) {
            matcher.appendReplacement(out, Matcher.quoteReplacement(by.apply(matcher)));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
