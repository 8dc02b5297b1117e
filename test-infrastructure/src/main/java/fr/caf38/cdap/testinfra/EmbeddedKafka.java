package fr.caf38.cdap.testinfra;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool$;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A real Apache Kafka broker in KRaft mode (one node, broker and controller combined) running in
 * this JVM on 127.0.0.1. Its ports and data folder are kept, so it can be stopped and started again
 * where clients expect it, with its data.
 */
public final class EmbeddedKafka implements KafkaServer {
    private final int port;
    private final int controllerPort;
    private final Path dataDir;
    private KafkaRaftServer server;

    private EmbeddedKafka(int port, Path dataDir) {
        this.port = port == 0 ? FreePorts.next() : port;
        this.dataDir = dataDir;
        this.controllerPort = controllerPort(dataDir);
    }

    /** The controller's port is kept with the data, so a broker started again finds its quorum where it was. */
    private static int controllerPort(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
            Path file = dataDir.resolve("controller.port");
            if (Files.exists(file)) {
                int kept = Integer.parseInt(Files.readString(file).trim());
                if (FreePorts.isFree(kept)) {
                    return kept;
                }
            }
            int port = FreePorts.next();
            Files.writeString(file, Integer.toString(port));
            return port;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts a broker on a free port with a fresh data folder. */
    public static EmbeddedKafka start() {
        return start(0);
    }

    /** Starts a broker on the given port (0: any free port) with a fresh data folder. */
    public static EmbeddedKafka start(int port) {
        try {
            return start(port, Files.createTempDirectory("embedded-kafka"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts a broker on the given port, keeping its data in {@code dataDir} (formatted on first use). */
    public static EmbeddedKafka start(int port, Path dataDir) {
        EmbeddedKafka kafka = new EmbeddedKafka(port, dataDir);
        kafka.format();
        kafka.startServer();
        return kafka;
    }

    public int port() {
        return port;
    }

    @Override
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** Properties of a single combined node; the same on every start so a restart finds its data. */
    Properties serverProperties() {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", dataDir.resolve("logs").toString());
        p.put("num.partitions", "3");
        p.put("auto.create.topics.enable", "true");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "3");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("log.flush.interval.messages", String.valueOf(Long.MAX_VALUE));
        return p;
    }

    /** Formats the data folder once; a broker started again on the same folder keeps its cluster and data. */
    private void format() {
        if (Files.exists(dataDir.resolve("logs").resolve("meta.properties"))) {
            return;
        }
        try {
            Path config = dataDir.resolve("server.properties");
            try (OutputStream out = Files.newOutputStream(config)) {
                serverProperties().store(out, "embedded Kafka broker");
            }
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            int status = StorageTool$.MODULE$.execute(new String[] {"format",
                    "-t", Uuid.randomUuid().toString(), "-c", config.toString()},
                    new PrintStream(output, true, StandardCharsets.UTF_8));
            if (status != 0) {
                throw new IllegalStateException("Kafka storage format failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** (Re)starts the broker and waits until it answers. */
    public synchronized void startServer() {
        if (server != null) {
            return;
        }
        server = new KafkaRaftServer(new KafkaConfig(serverProperties(), false), Time.SYSTEM);
        server.startup();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            admin.describeCluster().nodes().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Kafka broker did not come up on " + bootstrapServers(), e);
        }
    }

    /** Stops the broker; its ports and data stay reserved for {@link #startServer()}. */
    public synchronized void stopServer() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
    }

    @Override
    public void close() {
        stopServer();
    }
}
