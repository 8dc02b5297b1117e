package fr.caf38.cdap.intake.tracking;

import fr.caf38.cdap.events.EligibilityDecided;
import fr.caf38.cdap.events.PartnerNotified;
import fr.caf38.cdap.messaging.codec.EventCodec;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

import java.util.function.Consumer;

/**
 * The status view's consumers, group {@code intake}: {@code decisions} reads
 * {@code access-requests.decided}, {@code notifications} reads {@code notifications.sent}. Records
 * arrive as bytes and are decoded here, so an unreadable one fails like any other and, not being
 * worth a retry, goes straight to the group's dead-letter topic (see application.yml).
 */
@Configuration(proxyBeanMethods = false)
public class StatusConsumers {

    @Bean
    Consumer<Message<byte[]>> decisions(EventCodec codec, StatusUpdater updater) {
        return message -> updater.apply(codec.decode(message.getPayload(), EligibilityDecided.class));
    }

    @Bean
    Consumer<Message<byte[]>> notifications(EventCodec codec, StatusUpdater updater) {
        return message -> updater.apply(codec.decode(message.getPayload(), PartnerNotified.class));
    }
}
