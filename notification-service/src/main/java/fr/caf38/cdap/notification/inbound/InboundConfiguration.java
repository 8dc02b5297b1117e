package fr.caf38.cdap.notification.inbound;

import fr.caf38.cdap.events.EligibilityDecided;
import fr.caf38.cdap.events.RequestSubmitted;
import fr.caf38.cdap.messaging.codec.EventCodec;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

import java.util.function.Consumer;

/**
 * The two consumers (group {@code notification}). They take raw bytes and decode them here, so a
 * record that is not a valid event fails inside the binding and, like any other failure after the
 * retries, lands in the binding's dead-letter topic.
 */
@Configuration(proxyBeanMethods = false)
class InboundConfiguration {

    @Bean
    Consumer<Message<byte[]>> submitted(EventCodec codec, NotificationIntake intake) {
        return message -> intake.accept(codec.decode(message.getPayload(), RequestSubmitted.class));
    }

    @Bean
    Consumer<Message<byte[]>> decided(EventCodec codec, NotificationIntake intake) {
        return message -> intake.accept(codec.decode(message.getPayload(), EligibilityDecided.class));
    }
}
