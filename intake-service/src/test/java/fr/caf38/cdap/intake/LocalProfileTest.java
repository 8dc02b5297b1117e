package fr.caf38.cdap.intake;

import org.junit.jupiter.api.Test;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local stack serves two Cafs, 38 (the default) and 73, so its form lets the partner choose; the
 * default configuration serves Caf 38 alone.
 */
class LocalProfileTest {

    @Test
    void theLocalProfileServesCafs38And73With38ByDefaultAndNamesBoth() throws Exception {
        var local = new YamlPropertySourceLoader().load("local", new ClassPathResource("application-local.yml")).get(0);
        var defaults = new YamlPropertySourceLoader().load("default", new ClassPathResource("application.yml")).get(0);

        assertThat(local.getProperty("cdap.intake.served-cafs[0]")).isEqualTo("38");
        assertThat(local.getProperty("cdap.intake.served-cafs[1]")).isEqualTo("73");
        assertThat(local.getProperty("cdap.intake.served-cafs[2]")).isNull();
        assertThat(local.getProperty("cdap.intake.default-caf")).isEqualTo("38");
        assertThat(local.getProperty("cdap.intake.pages.caf-names.73")).isEqualTo("Caf de la Savoie");
        assertThat(defaults.getProperty("cdap.intake.pages.caf-names.38")).isEqualTo("Caf de l’Isère");
        assertThat(defaults.getProperty("cdap.intake.served-cafs[0]")).isEqualTo("38");
        assertThat(defaults.getProperty("cdap.intake.served-cafs[1]")).isNull();
    }
}
