package fr.caf38.cdap.testinfra;

/** A running Kafka broker the tests can reach. */
public interface KafkaServer extends AutoCloseable {
    String bootstrapServers();

    @Override
    void close();
}
