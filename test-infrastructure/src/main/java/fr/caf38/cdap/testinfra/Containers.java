package fr.caf38.cdap.testinfra;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.mongodb.MongoDBContainer;

/** Testcontainers' Kafka and MongoDB, used only with {@code -Dinfra=containers}. */
final class Containers {
    static final String KAFKA_IMAGE = "apache/kafka:4.1.1";
    static final String MONGO_IMAGE = "mongo:8.0";

    private Containers() {
    }

    static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    static KafkaServer kafka() {
        var container = new KafkaContainer(KAFKA_IMAGE);
        container.start();
        return new KafkaServer() {
            @Override
            public String bootstrapServers() {
                return container.getBootstrapServers();
            }

            @Override
            public void close() {
                container.stop();
            }
        };
    }

    static MongoStore mongo() {
        var container = new MongoDBContainer(MONGO_IMAGE);
        container.start();
        return new MongoStore() {
            @Override
            public String connectionString() {
                return container.getConnectionString();
            }

            @Override
            public void close() {
                container.stop();
            }
        };
    }
}
