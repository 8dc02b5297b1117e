package fr.caf38.cdap.messaging.consumer;

import fr.caf38.cdap.events.Topics;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What every service's consumer bindings share, contributed once here rather than repeated per
 * binding: the topic names, as {@code cdap.topics.*}, taken from {@link Topics}, and the consumer
 * settings {@link BatchConsumer} relies on, as {@code spring.cloud.stream.default} and
 * {@code spring.cloud.stream.kafka.default}, and the binder's topic settings (partitions, creation). The lowest-precedence property source, so a service's
 * application.yml, a profile or a test may still override any of them.
 *
 * <p>The topics come as properties that the bindings name ({@code destination:
 * ${cdap.topics.requests-submitted}}), rather than as destinations set here per binding name: each
 * service's application.yml still shows which binding reads which topic, while the name itself is
 * written once, in the contract's {@link Topics}.
 */
public class ConsumerDefaults implements EnvironmentPostProcessor {
    static final String SOURCE = "cdapConsumerDefaults";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.getPropertySources().contains(SOURCE)) {
            environment.getPropertySources().addLast(new MapPropertySource(SOURCE, properties()));
        }
    }

    static Map<String, Object> properties() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("cdap.topics.requests-submitted", Topics.REQUESTS_SUBMITTED);
        properties.put("cdap.topics.requests-decided", Topics.REQUESTS_DECIDED);
        properties.put("cdap.topics.notifications-sent", Topics.NOTIFICATIONS_SENT);
        // A whole poll per call, handled by BatchConsumer.
        properties.put("spring.cloud.stream.default.consumer.batch-mode", true);
        // The records' bytes as Kafka holds them (EventCodec decodes each one): no message conversion,
        // which in batch mode would turn an unconvertible record into a silently skipped batch.
        properties.put("spring.cloud.stream.default.consumer.use-native-decoding", true);
        // BatchConsumer sends its dead letters itself, record by record, to the binding's dlq-name: the
        // binder's DLQ would take the whole batch. A batch whose writes fail is delivered again, with a
        // back-off, by the error handler named here, for as long as it takes.
        properties.put("spring.cloud.stream.kafka.default.consumer.enable-dlq", false);
        properties.put("spring.cloud.stream.kafka.default.consumer.common-error-handler-bean-name",
                BatchConsumerAutoConfiguration.ERROR_HANDLER);
        properties.put("spring.cloud.stream.kafka.default.consumer.configuration.max.poll.records", 500);
        // The binder's topics: created when missing, with 3 partitions (the binder makes 1 unless told:
        // room for up to 3 instances of each consumer group), and an existing topic with fewer (made by
        // an older version) is given them; what the binder publishes waits for every in-sync replica.
        properties.put("spring.cloud.stream.kafka.binder.auto-create-topics", true);
        properties.put("spring.cloud.stream.kafka.binder.min-partition-count", 3);
        properties.put("spring.cloud.stream.kafka.binder.auto-add-partitions", true);
        properties.put("spring.cloud.stream.kafka.binder.required-acks", "all");
        return properties;
    }
}
