package fr.caf38.cdap.localstack;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import fr.caf38.cdap.localstack.store.CompactH2Backend;
import fr.caf38.cdap.localstack.store.StoreFormat;
import fr.caf38.cdap.localstack.store.StoreTuning;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The MongoDB-wire store (mongo-java-server) with its on-disk H2 backend, its maps typed for speed
 * ({@link CompactH2Backend}), in its own process:
 * {@code StoreMain <port> <file> [parentPid]}. H2 writes to disk about once a second: a crash of
 * this process can lose the last second (real MongoDB, in Compose, has no such window).
 */
public final class StoreMain {
    private static final Logger log = LoggerFactory.getLogger(StoreMain.class);

    private StoreMain() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        Path file = Path.of(args[1]);
        Files.createDirectories(file.toAbsolutePath().getParent());
        ParentWatch.exitWhenGone(args.length > 2 ? args[2] : null);
        StoreTuning tuning = StoreTuning.fromSystemProperties();
        H2Backend backend = new CompactH2Backend(StoreFormat.open(file, tuning));
        MongoServer server = new MongoServer(backend);
        server.bind("127.0.0.1", port);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.shutdownNow();
            backend.close();
        }, "store-shutdown"));
        log.info("MongoDB-wire store ready on 127.0.0.1:{} (data in {}, page cache {} MiB, compaction below {} % fill)",
                port, file, tuning.cacheMiB(), tuning.compactFillRate());
        Thread.currentThread().join();
    }
}
