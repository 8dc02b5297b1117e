package fr.caf38.cdap.testinfra;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The infrastructure shared by every integration test of a JVM: started on first use, stopped when
 * the JVM exits. Each component listens on a free loopback port.
 */
public final class TestInfrastructure {
    private static final Logger log = LoggerFactory.getLogger(TestInfrastructure.class);
    private static TestInfrastructure instance;

    private final InfrastructureMode mode;
    private final KafkaServer kafka;
    private final MongoStore mongo;
    private final MailServer mail;

    private TestInfrastructure(InfrastructureMode mode) {
        this.mode = mode;
        long start = System.nanoTime();
        this.kafka = mode == InfrastructureMode.CONTAINERS ? Containers.kafka() : EmbeddedKafka.start();
        this.mongo = mode == InfrastructureMode.CONTAINERS ? Containers.mongo() : new EmbeddedMongo();
        this.mail = new MailServer();
        log.info("Test infrastructure ({}) ready in {} ms: kafka {}, mongo {}, smtp {}, imap {}", mode,
                (System.nanoTime() - start) / 1_000_000, kafka.bootstrapServers(), mongo.connectionString(),
                mail.smtpPort(), mail.imapPort());
        Runtime.getRuntime().addShutdownHook(new Thread(this::close, "test-infrastructure-shutdown"));
    }

    /** The JVM's infrastructure, started on the first call. */
    public static synchronized TestInfrastructure get() {
        if (instance == null) {
            InfrastructureMode mode = InfrastructureMode.current();
            String unavailable = mode.unavailableReason();
            if (unavailable != null) {
                throw new IllegalStateException(unavailable);
            }
            instance = new TestInfrastructure(mode);
        }
        return instance;
    }

    public InfrastructureMode mode() {
        return mode;
    }

    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    public String mongoConnectionString() {
        return mongo.connectionString();
    }

    public MailServer mail() {
        return mail;
    }

    /** The Spring properties that point an application at this infrastructure. */
    public Map<String, Object> springProperties() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("spring.cloud.stream.kafka.binder.brokers", kafka.bootstrapServers());
        properties.put("spring.kafka.bootstrap-servers", kafka.bootstrapServers());
        properties.put("spring.mongodb.uri", mongo.connectionString());
        properties.put("spring.mail.host", "127.0.0.1");
        properties.put("spring.mail.port", mail.smtpPort());
        properties.put("cdap.test.imap-port", mail.imapPort());
        return properties;
    }

    private void close() {
        mail.close();
        kafka.close();
        mongo.close();
    }
}
