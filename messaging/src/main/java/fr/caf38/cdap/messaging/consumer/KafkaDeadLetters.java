package fr.caf38.cdap.messaging.consumer;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Dead letters on Kafka, as the binder writes them for record consumers: the original key, value and
 * headers, plus {@code x-original-topic}, {@code x-original-partition}, {@code x-original-offset},
 * {@code x-exception-fqcn}, {@code x-exception-message} and {@code x-exception-stacktrace}. A topic
 * missing is created first (with the configured partitions); sends wait for {@code acks=all}.
 */
public class KafkaDeadLetters implements DeadLetters, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(KafkaDeadLetters.class);

    private final java.util.function.Supplier<Producer<byte[], byte[]>> producers;
    private final java.util.function.Supplier<Admin> admins;
    private final int partitions;
    private final Duration timeout;
    private final Set<String> known = ConcurrentHashMap.newKeySet();
    /** Made on the first dead letter: most runs never send one. */
    private Producer<byte[], byte[]> producer;
    private Admin admin;

    public KafkaDeadLetters(java.util.function.Supplier<Producer<byte[], byte[]>> producers,
                            java.util.function.Supplier<Admin> admins, int partitions, Duration timeout) {
        this.producers = producers;
        this.admins = admins;
        this.partitions = partitions;
        this.timeout = timeout;
    }

    private synchronized Producer<byte[], byte[]> producer() {
        if (producer == null) {
            producer = producers.get();
        }
        return producer;
    }

    private synchronized Admin admin() {
        if (admin == null) {
            admin = admins.get();
        }
        return admin;
    }

    @Override
    public void send(Delivery delivery, String topic, Throwable error) {
        ensureTopic(topic);
        var record = new ProducerRecord<>(topic, null, delivery.key(), delivery.payload());
        delivery.headers().forEach((name, value) -> record.headers().add(new RecordHeader(name, value)));
        header(record, "x-original-topic", delivery.topic());
        header(record, "x-original-partition", Integer.toString(delivery.partition()));
        header(record, "x-original-offset", Long.toString(delivery.offset()));
        header(record, "x-exception-fqcn", error.getClass().getName());
        header(record, "x-exception-message", String.valueOf(error.getMessage()));
        header(record, "x-exception-stacktrace", stackTrace(error));
        try {
            producer().send(record).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending a dead letter to " + topic, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not send a dead letter to " + topic, e);
        }
        log.warn("Record {} sent to {}: {}", delivery, topic, error.getMessage());
    }

    private void ensureTopic(String topic) {
        if (known.contains(topic)) {
            return;
        }
        try {
            admin().createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                log.info("Dead-letter topic {} not created ({}); the broker may create it", topic, e.getCause().toString());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (TimeoutException e) {
            log.info("Dead-letter topic {} not created in time; the broker may create it", topic);
        }
        known.add(topic);
    }

    private static void header(ProducerRecord<byte[], byte[]> record, String name, String value) {
        record.headers().remove(name);
        record.headers().add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8)));
    }

    private static String stackTrace(Throwable error) {
        StringWriter text = new StringWriter();
        error.printStackTrace(new PrintWriter(text));
        return text.toString();
    }

    @Override
    public synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
        }
    }
}
