package fr.caf38.cdap.intake;

import fr.caf38.cdap.intake.validation.AccessRequestValidator;
import fr.caf38.cdap.intake.validation.PhoneNumbers;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IntakeProperties.class)
class IntakeConfiguration {

    @Bean
    PhoneNumbers phoneNumbers() {
        return new PhoneNumbers();
    }

    @Bean
    AccessRequestValidator accessRequestValidator(IntakeProperties properties, PhoneNumbers phones) {
        return new AccessRequestValidator(properties.served(), properties.defaultCafCode(), phones);
    }
}
