package fr.caf38.cdap.notification;

import fr.caf38.cdap.messaging.tracking.TrackingTokens;
import fr.caf38.cdap.notification.caf.CafProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The service's settings, and the one object it takes from a shared module. Its own parts are components
 * (constructor injection), as in the other services; each is still a plain class that tests can build alone.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({NotificationProperties.class, CafProperties.class})
class NotificationConfiguration {

    /** The HMAC key's holder, from the messaging module, built from the shared secret of the tracking links. */
    @Bean
    TrackingTokens trackingTokens(@Value("${cdap.tracking.secret:}") String secret) {
        return new TrackingTokens(secret);
    }
}
