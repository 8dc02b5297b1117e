package fr.caf38.cdap.localstack;

import fr.caf38.cdap.testinfra.EmbeddedKafka;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;

/** A real Kafka broker (KRaft, one combined node) in its own process: {@code KafkaMain <port> <dataDir> [parentPid]}. */
public final class KafkaMain {
    private static final Logger log = LoggerFactory.getLogger(KafkaMain.class);

    private KafkaMain() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        Path dataDir = Files.createDirectories(Path.of(args[1]));
        ParentWatch.exitWhenGone(args.length > 2 ? args[2] : null);
        EmbeddedKafka kafka = EmbeddedKafka.start(port, dataDir);
        Runtime.getRuntime().addShutdownHook(new Thread(kafka::close, "kafka-shutdown"));
        log.info("Kafka broker ready on {}", kafka.bootstrapServers());
        Thread.currentThread().join();
    }
}
