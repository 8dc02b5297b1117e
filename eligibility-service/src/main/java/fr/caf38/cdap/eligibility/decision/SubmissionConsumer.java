package fr.caf38.cdap.eligibility.decision;

import fr.caf38.cdap.events.RequestSubmitted;
import fr.caf38.cdap.messaging.codec.EventCodec;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

import java.util.function.Consumer;

/**
 * The binding {@code decide-in-0} on {@code access-requests.submitted} (group {@code eligibility}).
 * Records arrive as bytes and are decoded here, so a record that cannot be read goes through the
 * binder's error handling like any other failure: it is not retried (InvalidEventException) and lands
 * in {@code access-requests.submitted.eligibility.dlq}, and the partition moves on.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EligibilityProperties.class)
class SubmissionConsumer {

    @Bean
    Consumer<Message<byte[]>> decide(EventCodec codec, DecisionMaker decisions) {
        return message -> decisions.decide(codec.decode(message.getPayload(), RequestSubmitted.class));
    }
}
