package fr.caf38.cdap.messaging.consumer;

import fr.caf38.cdap.events.Topics;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ConsumerDefaultsTest {
    private static final String MAX_POLL = "spring.cloud.stream.kafka.default.consumer.configuration.max.poll.records";

    @Test
    void theTopicNamesAreTheContractsAndABindingNamesThemByPlaceholder() {
        StandardEnvironment environment = environment(Map.of(
                "spring.cloud.stream.bindings.decide-in-0.destination", "${cdap.topics.requests-submitted}",
                "spring.cloud.stream.kafka.bindings.decide-in-0.consumer.dlq-name",
                "${cdap.topics.requests-submitted}.eligibility.dlq"));

        assertThat(environment.getProperty("cdap.topics.requests-submitted")).isEqualTo(Topics.REQUESTS_SUBMITTED);
        assertThat(environment.getProperty("cdap.topics.requests-decided")).isEqualTo(Topics.REQUESTS_DECIDED);
        assertThat(environment.getProperty("cdap.topics.notifications-sent")).isEqualTo(Topics.NOTIFICATIONS_SENT);
        assertThat(environment.getProperty("spring.cloud.stream.bindings.decide-in-0.destination"))
                .isEqualTo("access-requests.submitted");
        assertThat(environment.getProperty("spring.cloud.stream.kafka.bindings.decide-in-0.consumer.dlq-name"))
                .isEqualTo(Topics.deadLetter(Topics.REQUESTS_SUBMITTED, "eligibility"));
    }

    @Test
    void everyBindingIsABatchConsumerWithItsOwnDeadLettersAndTheBatchErrorHandler() {
        StandardEnvironment environment = environment(Map.of());

        assertThat(environment.getProperty("spring.cloud.stream.default.consumer.batch-mode")).isEqualTo("true");
        assertThat(environment.getProperty("spring.cloud.stream.default.consumer.use-native-decoding")).isEqualTo("true");
        assertThat(environment.getProperty("spring.cloud.stream.kafka.default.consumer.enable-dlq")).isEqualTo("false");
        assertThat(environment.getProperty("spring.cloud.stream.kafka.default.consumer.common-error-handler-bean-name"))
                .isEqualTo("batchErrorHandler");
        assertThat(environment.getProperty(MAX_POLL)).isEqualTo("500");
    }

    @Test
    void theBindersTopicsGetThreePartitionsAndExistingOnesAreGrown() {
        StandardEnvironment environment = environment(Map.of());

        assertThat(environment.getProperty("spring.cloud.stream.kafka.binder.min-partition-count")).isEqualTo("3");
        assertThat(environment.getProperty("spring.cloud.stream.kafka.binder.auto-add-partitions")).isEqualTo("true");
        assertThat(environment.getProperty("spring.cloud.stream.kafka.binder.auto-create-topics")).isEqualTo("true");
        assertThat(environment.getProperty("spring.cloud.stream.kafka.binder.required-acks")).isEqualTo("all");
    }

    @Test
    void aServicesOwnSettingWinsOverTheDefault() {
        StandardEnvironment environment = environment(Map.of(MAX_POLL, "100"));

        assertThat(environment.getProperty(MAX_POLL)).isEqualTo("100");
    }

    private static StandardEnvironment environment(Map<String, Object> service) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("service", service));
        new ConsumerDefaults().postProcessEnvironment(environment, new SpringApplication());
        return environment;
    }
}
