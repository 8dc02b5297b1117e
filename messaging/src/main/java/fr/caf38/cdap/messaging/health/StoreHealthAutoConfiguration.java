package fr.caf38.cdap.messaging.health;

import fr.caf38.cdap.messaging.MessagingAutoConfiguration;
import fr.caf38.cdap.messaging.outbox.OutboxProperties;
import fr.caf38.cdap.messaging.outbox.OutboxRelay;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Puts {@link StorePingHealthIndicator} in place of Boot's Mongo indicator (same name: {@code mongo}),
 * and shows the outbox's backlog as {@code outbox}.
 */
@AutoConfiguration(
        after = MessagingAutoConfiguration.class,
        afterName = "org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration",
        beforeName = "org.springframework.boot.mongodb.autoconfigure.health.MongoHealthContributorAutoConfiguration")
@ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
public class StoreHealthAutoConfiguration {

    @Bean(name = "mongoHealthIndicator")
    @ConditionalOnBean(MongoTemplate.class)
    @ConditionalOnMissingBean(name = "mongoHealthIndicator")
    StorePingHealthIndicator mongoHealthIndicator(MongoTemplate mongo) {
        return new StorePingHealthIndicator(mongo);
    }

    @Bean(name = "outboxHealthIndicator")
    @ConditionalOnBean(OutboxRelay.class)
    @ConditionalOnMissingBean(name = "outboxHealthIndicator")
    OutboxHealthIndicator outboxHealthIndicator(OutboxRelay relay, OutboxProperties properties) {
        return new OutboxHealthIndicator(relay, properties);
    }
}
