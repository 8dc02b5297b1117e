package fr.caf38.cdap.notification.inbound;

import fr.caf38.cdap.events.EligibilityDecided;
import fr.caf38.cdap.events.RequestRevision;
import fr.caf38.cdap.messaging.consumer.BatchConsumer;
import fr.caf38.cdap.messaging.consumer.BatchConsumers;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

import java.util.List;
import java.util.function.Consumer;

/**
 * The two consumers (group {@code notification}), in batch mode. The submissions binding reads
 * the {@link RequestRevision} family: both {@code RequestSubmitted} and {@code RequestAmended}. Each record is decoded on its
 * own; one that is not a valid event, or that the planner refuses (a Caf not configured here), goes
 * to the binding's dead-letter topic (named in application.yml) while the rest of its batch is
 * stored with one insert of notifications and one of pending entries.
 */
@Configuration(proxyBeanMethods = false)
class InboundConfiguration {

    @Bean
    Consumer<Message<List<byte[]>>> submitted(BatchConsumers consumers, NotificationIntake intake,
            @Value("${spring.cloud.stream.kafka.bindings.submitted-in-0.consumer.dlq-name}") String deadLetterTopic) {
        return consumers.of(RequestRevision.class, deadLetterTopic, intake::acceptSubmitted);
    }

    @Bean
    Consumer<Message<List<byte[]>>> decided(BatchConsumers consumers, NotificationIntake intake,
            @Value("${spring.cloud.stream.kafka.bindings.decided-in-0.consumer.dlq-name}") String deadLetterTopic) {
        return consumers.of(EligibilityDecided.class, deadLetterTopic, intake::acceptDecided);
    }
}
