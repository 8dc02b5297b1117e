package fr.caf38.cdap.messaging;

import fr.caf38.cdap.messaging.codec.EventCodec;
import fr.caf38.cdap.messaging.tracing.EventTraces;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import fr.caf38.cdap.messaging.lifecycle.ParentProcessWatch;
import fr.caf38.cdap.messaging.outbox.Outbox;
import fr.caf38.cdap.messaging.outbox.OutboxProperties;
import fr.caf38.cdap.messaging.outbox.OutboxRelay;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/** The outbox and event codec, for every service that has a MongoTemplate. */
@AutoConfiguration(afterName = "org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration")
@EnableConfigurationProperties(OutboxProperties.class)
public class MessagingAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    @ConditionalOnProperty("cdap.parent-pid")
    ParentProcessWatch parentProcessWatch(Environment environment) {
        return new ParentProcessWatch(Long.parseLong(environment.getRequiredProperty("cdap.parent-pid")));
    }

    @Bean
    @ConditionalOnMissingBean
    EventCodec eventCodec() {
        return new EventCodec();
    }

    @Bean
    @ConditionalOnBean(MongoTemplate.class)
    @ConditionalOnMissingBean
    OutboxRelay outboxRelay(MongoTemplate mongo, OutboxProperties properties, Clock clock,
                            ObjectProvider<MeterRegistry> meters, Environment environment) {
        String brokers = properties.brokers() != null ? properties.brokers()
                : environment.getProperty("spring.cloud.stream.kafka.binder.brokers",
                        environment.getProperty("spring.kafka.bootstrap-servers", "127.0.0.1:9092"));
        return new OutboxRelay(mongo, new KafkaProducer<>(producerConfig(brokers, properties)), properties, clock,
                meters.getIfAvailable());
    }

    @Bean
    @ConditionalOnBean(OutboxRelay.class)
    @ConditionalOnMissingBean
    Outbox outbox(MongoTemplate mongo, EventCodec codec, OutboxRelay relay, Clock clock, EventTraces traces) {
        return new Outbox(mongo, codec, relay, clock, traces);
    }

    /** The services' tracer when tracing is on the class path (Micrometer's bridge), else nothing traced. */
    @Bean
    @ConditionalOnMissingBean
    EventTraces eventTraces(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        Tracer available = tracer.getIfAvailable();
        Propagator propagation = propagator.getIfAvailable();
        return available == null || propagation == null ? EventTraces.NONE : new EventTraces(available, propagation);
    }

    /** acks=all and idempotence; bounded blocking so a broker outage only delays the relay. */
    public static Map<String, Object> producerConfig(String brokers, OutboxProperties properties) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15_000);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "outbox-relay");
        config.putAll(properties.producer());
        return config;
    }
}
