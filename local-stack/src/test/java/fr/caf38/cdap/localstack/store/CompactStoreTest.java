package fr.caf38.cdap.localstack.store;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CompactStoreTest {
    @TempDir
    Path folder;

    @Test
    void documentsAndUniqueIndexesSurviveARestart() {
        Path file = folder.resolve("store.mv.db");
        onCompactStore(file, requests -> {
            requests.createIndex(Indexes.ascending("siret", "profile"), new IndexOptions().unique(true));
            for (int i = 0; i < 500; i++) {
                requests.insertOne(request(i));
            }
            requests.updateOne(Filters.eq("_id", "request-7"), Updates.set("status", "DECIDED"));
            requests.deleteOne(Filters.eq("_id", "request-8"));
        });
        onCompactStore(file, requests -> {
            assertEquals(499, requests.countDocuments());
            Document seven = requests.find(Filters.eq("_id", "request-7")).first();
            assertEquals("DECIDED", seven.getString("status"));
            assertEquals(List.of("73", "74"), seven.getList("departments", String.class));
            assertEquals(new Document("city", "Grenoble").append("postalCode", "38000"), seven.get("address"));
            assertNull(requests.find(Filters.eq("_id", "request-8")).first());
            assertTrue(duplicateRefused(requests, request(12).append("_id", "other")), "the unique index still holds");
        });
    }

    @Test
    void aFileOfTheOriginalFormatIsConvertedWithEveryDocumentAndIndexEntry() {
        Path file = folder.resolve("store.mv.db");
        H2Backend original = new H2Backend(file.toString());
        MongoServer server = new MongoServer(original);
        InetSocketAddress address = server.bind();
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort())) {
            MongoCollection<Document> requests = client.getDatabase("intake").getCollection("requests");
            requests.createIndex(Indexes.ascending("siret", "profile"), new IndexOptions().unique(true));
            for (int i = 0; i < 300; i++) {
                requests.insertOne(request(i));
            }
        } finally {
            server.shutdownNow();
            original.close();
        }

        onCompactStore(file, requests -> {
            assertEquals(300, requests.countDocuments());
            for (int i = 0; i < 300; i += 37) {
                Document found = requests.find(Filters.eq("_id", "request-" + i)).first();
                assertEquals(String.format("%014d", i), found.getString("siret"));
            }
            assertTrue(duplicateRefused(requests, request(5).append("_id", "copy")), "the converted index holds");
            assertTrue(duplicateRefused(requests, request(6)), "the converted _id index holds");
            requests.insertOne(request(300));
        });
        onCompactStore(file, requests -> assertEquals(301, requests.countDocuments()));
    }

    @Test
    void updatesInPlaceNeverRaceThePageWriter() {
        Path file = folder.resolve("store.mv.db");
        CompactH2Backend backend = new CompactH2Backend(StoreFormat.open(file, StoreTuning.DEFAULTS));
        backend.getMvStore().setAutoCommitDelay(1); // pages written all the time, while the updates run
        MongoServer server = new MongoServer(backend);
        InetSocketAddress address = server.bind();
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort())) {
            MongoCollection<Document> requests = client.getDatabase("intake").getCollection("requests");
            for (int i = 0; i < 20; i++) {
                requests.insertOne(request(i));
            }
            for (int n = 0; n < 4000; n++) {
                String id = "request-" + (n % 20);
                requests.updateOne(Filters.eq("_id", id), (n / 20) % 2 == 0
                        ? Updates.combine(Updates.set("status", "S" + n), Updates.push("steps", new Document("n", n)))
                        : Updates.combine(Updates.unset("status"), Updates.inc("count", 1)));
            }
            assertEquals(20, requests.countDocuments(), "the store stayed open");
        } finally {
            server.shutdownNow();
            backend.close();
        }
        onCompactStore(file, requests -> assertEquals(100, requests.find(Filters.eq("_id", "request-3")).first()
                .getList("steps", Document.class).size()));
    }

    @Test
    void indexKeysAreOrderedByTheirValues() {
        IndexKeyType type = new IndexKeyType();
        List<KeyValue> keys = new ArrayList<>(List.of(new KeyValue("b"), new KeyValue("a"), new KeyValue(2.0),
                new KeyValue(Missing.getInstance()), new KeyValue("a", 1.0), new KeyValue(UUID.randomUUID())));
        for (KeyValue a : keys) {
            assertEquals(0, type.compare(a, new KeyValue(List.copyOf(toList(a)))));
            for (KeyValue b : keys) {
                assertEquals(Integer.signum(type.compare(a, b)), -Integer.signum(type.compare(b, a)), a + " / " + b);
            }
        }
        assertTrue(type.compare(new KeyValue("a"), new KeyValue("b")) < 0);
    }

    private static List<Object> toList(KeyValue key) {
        List<Object> values = new ArrayList<>();
        key.forEach(values::add);
        return values;
    }

    private static Document request(int i) {
        return new Document("_id", "request-" + i).append("siret", String.format("%014d", i)).append("profile", "T1")
                .append("departments", List.of("73", "74")).append("submittedAt", new Date(1_700_000_000_000L + i))
                .append("requestId", new UUID(i, i).toString()).append("count", i)
                .append("address", new Document("city", "Grenoble").append("postalCode", "38000"));
    }

    private static boolean duplicateRefused(MongoCollection<Document> requests, Document document) {
        return assertThrows(MongoWriteException.class, () -> requests.insertOne(document)).getError().getCode() == 11000;
    }

    private static void onCompactStore(Path file, Consumer<MongoCollection<Document>> use) {
        CompactH2Backend backend = new CompactH2Backend(StoreFormat.open(file, StoreTuning.DEFAULTS));
        MongoServer server = new MongoServer(backend);
        InetSocketAddress address = server.bind();
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort())) {
            use.accept(client.getDatabase("intake").getCollection("requests"));
        } finally {
            server.shutdownNow();
            backend.close();
        }
    }
}
