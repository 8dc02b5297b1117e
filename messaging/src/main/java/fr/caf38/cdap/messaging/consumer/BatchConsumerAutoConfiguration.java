package fr.caf38.cdap.messaging.consumer;

import fr.caf38.cdap.messaging.codec.EventCodec;
import fr.caf38.cdap.messaging.tracing.EventTraces;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

import java.time.Duration;
import java.util.Map;

/**
 * What batch consumers need: the dead letters they send themselves, and the error handler their
 * bindings name ({@code common-error-handler-bean-name: batchErrorHandler}, set for every binding by
 * {@link ConsumerDefaults}): a batch whose effects
 * could not be stored is delivered again, with a back-off of 1 s up to 10 s, for as long as it takes
 * (nothing accepted is dropped because the store was away).
 */
@AutoConfiguration(after = fr.caf38.cdap.messaging.MessagingAutoConfiguration.class)
@ConditionalOnClass(DefaultErrorHandler.class)
public class BatchConsumerAutoConfiguration {
    /** The name of the error handler every binding names. */
    public static final String ERROR_HANDLER = "batchErrorHandler";
    private static final Logger log = LoggerFactory.getLogger(BatchConsumerAutoConfiguration.class);

    @Bean
    @ConditionalOnMissingBean
    KafkaDeadLetters deadLetters(Environment environment) {
        String brokers = environment.getProperty("spring.cloud.stream.kafka.binder.brokers",
                environment.getProperty("spring.kafka.bootstrap-servers", "127.0.0.1:9092"));
        int partitions = environment.getProperty("spring.cloud.stream.kafka.binder.min-partition-count", Integer.class, 1);
        Map<String, Object> producer = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15_000,
                ProducerConfig.CLIENT_ID_CONFIG, "dead-letters");
        Map<String, Object> admin = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        return new KafkaDeadLetters(() -> new KafkaProducer<>(producer), () -> Admin.create(admin), partitions,
                Duration.ofSeconds(20));
    }

    @Bean
    @ConditionalOnMissingBean
    BatchConsumers batchConsumers(EventCodec codec, DeadLetters deadLetters, EventTraces traces,
                                  ObjectProvider<MeterRegistry> meters) {
        MeterRegistry registry = meters.getIfAvailable();
        return new BatchConsumers(codec, registry == null ? deadLetters : new CountedDeadLetters(deadLetters, registry),
                traces);
    }

    @Bean(ERROR_HANDLER)
    @ConditionalOnMissingBean(name = ERROR_HANDLER)
    CommonErrorHandler batchErrorHandler() {
        ExponentialBackOff backOff = new ExponentialBackOff(1_000, 2.0);
        backOff.setMaxInterval(10_000);
        DefaultErrorHandler handler = new DefaultErrorHandler((record, error) -> {
            // Unreachable with an unlimited back-off; kept so that nothing is ever skipped silently.
            log.error("Record {}-{}@{} given up after retries: {}", record.topic(), record.partition(),
                    record.offset(), error.toString());
            throw new IllegalStateException("retries exhausted", error);
        }, backOff);
        handler.setLogLevel(org.springframework.kafka.KafkaException.Level.WARN);
        return handler;
    }
}
