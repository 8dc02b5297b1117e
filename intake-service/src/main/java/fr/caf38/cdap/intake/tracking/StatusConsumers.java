package fr.caf38.cdap.intake.tracking;

import fr.caf38.cdap.events.EligibilityDecided;
import fr.caf38.cdap.events.PartnerNotified;
import fr.caf38.cdap.messaging.consumer.BatchConsumer;
import fr.caf38.cdap.messaging.consumer.BatchConsumer.Received;
import fr.caf38.cdap.messaging.consumer.BatchConsumers;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

import java.util.List;
import java.util.function.Consumer;

/**
 * The status view's consumers, group {@code intake}, in batch mode: {@code decisions} reads
 * {@code access-requests.decided}, {@code notifications} reads {@code notifications.sent}. Each batch
 * is applied with one bulk write of updates by {@code _id}; a record that cannot be decoded goes to
 * the group's dead-letter topic (named in application.yml) while the rest of its batch is applied.
 */
@Configuration(proxyBeanMethods = false)
public class StatusConsumers {

    @Bean
    Consumer<Message<List<byte[]>>> decisions(BatchConsumers consumers, StatusUpdater updater,
            @Value("${spring.cloud.stream.kafka.bindings.decisions-in-0.consumer.dlq-name}") String deadLetterTopic) {
        return consumers.of(EligibilityDecided.class, deadLetterTopic, events -> {
            updater.applyDecisions(events.stream().map(Received::event).toList());
            return List.of();
        });
    }

    @Bean
    Consumer<Message<List<byte[]>>> notifications(BatchConsumers consumers, StatusUpdater updater,
            @Value("${spring.cloud.stream.kafka.bindings.notifications-in-0.consumer.dlq-name}") String deadLetterTopic) {
        return consumers.of(PartnerNotified.class, deadLetterTopic, events -> {
            updater.applyNotifications(events.stream().map(Received::event).toList());
            return List.of();
        });
    }
}
