package fr.caf38.cdap.eligibility.registry;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code cdap.eligibility.registry.mode} chooses the adapter; offline is the default. */
class RegistryConfigurationTest {
    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(RegistryConfiguration.class);

    @Test
    void theRegistryIsOfflineByDefault() {
        context.run(started -> assertThat(started.getBean(EstablishmentRegistry.class)).isInstanceOf(OfflineRegistry.class));
    }

    @Test
    void theSireneModeUsesTheHttpAdapter() {
        context.withPropertyValues("cdap.eligibility.registry.mode=sirene",
                        "cdap.eligibility.registry.base-url=http://127.0.0.1:1/sirene",
                        "cdap.eligibility.registry.timeout=200ms")
                .run(started -> {
                    assertThat(started.getBean(EstablishmentRegistry.class)).isInstanceOf(SireneRegistry.class);
                    assertThat(started.getBean(RegistryProperties.class).timeout()).hasMillis(200);
                });
    }
}
