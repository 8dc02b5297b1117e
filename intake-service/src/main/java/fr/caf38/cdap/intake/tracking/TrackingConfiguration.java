package fr.caf38.cdap.intake.tracking;

import fr.caf38.cdap.messaging.tracking.TrackingTokens;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The tracking-token key. No default ships with the service: without {@code cdap.tracking.secret}
 * (URL-safe Base64, at least 128 bits, the same as notification-service's) it refuses to start,
 * because tokens derived from a made-up key would not match the links in the partners' emails. The
 * local stack generates one and passes it to both services.
 */
@Configuration(proxyBeanMethods = false)
public class TrackingConfiguration {

    @Bean
    TrackingTokens trackingTokens(@Value("${cdap.tracking.secret:}") String secret) {
        if (secret.isBlank()) {
            throw new IllegalStateException("cdap.tracking.secret is not set: give the tracking-token key (URL-safe "
                    + "Base64 of at least 128 bits, shared with notification-service), e.g. as CDAP_TRACKING_SECRET");
        }
        return new TrackingTokens(secret);
    }
}
