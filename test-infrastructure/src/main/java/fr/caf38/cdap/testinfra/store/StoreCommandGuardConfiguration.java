package fr.caf38.cdap.testinfra.store;

import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Import into a Spring test ({@code @Import(StoreCommandGuardConfiguration.class)}) to record every
 * command the application's Mongo client sends, through the {@link StoreCommandRecorder} bean.
 */
@Configuration(proxyBeanMethods = false)
public class StoreCommandGuardConfiguration {

    @Bean
    StoreCommandRecorder storeCommandRecorder() {
        return new StoreCommandRecorder();
    }

    @Bean
    MongoClientSettingsBuilderCustomizer storeCommandRecorderCustomizer(StoreCommandRecorder recorder) {
        return settings -> settings.addCommandListener(recorder);
    }
}
