package fr.caf38.cdap.notification;

import fr.caf38.cdap.messaging.tracing.EventTraces;
import fr.caf38.cdap.messaging.outbox.Outbox;
import fr.caf38.cdap.messaging.tracking.TrackingTokens;
import fr.caf38.cdap.notification.caf.CafDirectory;
import fr.caf38.cdap.notification.caf.CafProperties;
import fr.caf38.cdap.notification.delivery.DeliveryMetrics;
import fr.caf38.cdap.notification.delivery.MailComposer;
import fr.caf38.cdap.notification.delivery.NotificationSender;
import fr.caf38.cdap.notification.email.EmailRenderer;
import fr.caf38.cdap.notification.inbound.NotificationIntake;
import fr.caf38.cdap.notification.inbound.NotificationPlanner;
import fr.caf38.cdap.notification.store.NotificationStore;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import java.time.Clock;

/** Wires the service's parts; each is a plain class, so tests can build them alone. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({NotificationProperties.class, CafProperties.class})
class NotificationConfiguration {

    @Bean
    CafDirectory cafDirectory(CafProperties properties) {
        return new CafDirectory(properties);
    }

    @Bean
    TrackingTokens trackingTokens(@Value("${cdap.tracking.secret:}") String secret) {
        return new TrackingTokens(secret);
    }

    @Bean
    EmailRenderer emailRenderer() {
        return new EmailRenderer();
    }

    @Bean
    NotificationStore notificationStore(MongoTemplate mongo, Outbox outbox) {
        return new NotificationStore(mongo, outbox);
    }

    @Bean
    MailComposer mailComposer() {
        return new MailComposer();
    }

    @Bean
    DeliveryMetrics deliveryMetrics(MeterRegistry registry, Clock clock) {
        return new DeliveryMetrics(registry, clock);
    }

    @Bean
    NotificationSender notificationSender(NotificationStore store, JavaMailSenderImpl mailSender, MailComposer composer,
                                          NotificationProperties properties, DeliveryMetrics metrics, Clock clock,
                                          EventTraces traces) {
        return new NotificationSender(store, mailSender, composer, properties, metrics, clock, traces);
    }

    @Bean
    NotificationPlanner notificationPlanner(EmailRenderer emails, CafDirectory cafs, TrackingTokens tokens,
                                            NotificationProperties properties, Clock clock) {
        return new NotificationPlanner(emails, cafs, tokens, properties, clock);
    }

    @Bean
    NotificationIntake notificationIntake(NotificationPlanner planner, NotificationStore store,
                                          NotificationSender sender, EventTraces traces) {
        return new NotificationIntake(planner, store, sender, traces);
    }
}
