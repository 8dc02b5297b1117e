package fr.caf38.cdap.testinfra;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/** mongo-java-server speaking the MongoDB wire protocol, in memory, on a free loopback port. */
final class EmbeddedMongo implements MongoStore {
    private final MongoServer server;
    private final int port;

    EmbeddedMongo() {
        this.server = new MongoServer(new MemoryBackend());
        this.port = FreePorts.next();
        server.bind("127.0.0.1", port);
    }

    @Override
    public String connectionString() {
        return "mongodb://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        server.shutdownNow();
    }
}
