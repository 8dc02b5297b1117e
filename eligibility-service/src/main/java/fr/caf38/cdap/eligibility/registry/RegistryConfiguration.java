package fr.caf38.cdap.eligibility.registry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Chooses the registry adapter from {@code cdap.eligibility.registry.mode}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RegistryProperties.class)
public class RegistryConfiguration {
    private static final Logger log = LoggerFactory.getLogger(RegistryConfiguration.class);

    @Bean
    EstablishmentRegistry establishmentRegistry(RegistryProperties properties) {
        return switch (properties.mode()) {
            case OFFLINE -> {
                log.info("Establishment registry: offline, every SIRET is recorded as not verified");
                yield new OfflineRegistry();
            }
            case SIRENE -> {
                log.info("Establishment registry: Sirene at {} (timeout {})", properties.baseUrl(), properties.timeout());
                yield new SireneRegistry(properties.baseUrl(), properties.token(), properties.timeout());
            }
        };
    }
}
