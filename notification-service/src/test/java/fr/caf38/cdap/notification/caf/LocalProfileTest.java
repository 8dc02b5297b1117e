package fr.caf38.cdap.notification.caf;

import org.junit.jupiter.api.Test;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.io.ClassPathResource;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local stack's notification knows both Cafs intake serves there (38 from the defaults, 73 from the
 * local profile), each with placeholder contacts and its agents' mailbox, and both Cafs' agents.
 */
class LocalProfileTest {

    @Test
    void theLocalProfileKnowsCaf73BesideTheDefaultsCaf38() throws Exception {
        var local = new YamlPropertySourceLoader().load("local", new ClassPathResource("application-local.yml")).get(0);
        var defaults = new YamlPropertySourceLoader().load("default", new ClassPathResource("application.yml")).get(0);

        assertThat(defaults.getProperty("cdap.cafs.38.agents-mailbox")).isEqualTo("agents-cdap@caf38.localhost");
        assertThat(local.getProperty("cdap.cafs.73.name")).isEqualTo("Caf de la Savoie");
        assertThat(local.getProperty("cdap.cafs.73.email")).isEqualTo("partenaires@caf73.localhost");
        assertThat(local.getProperty("cdap.cafs.73.agents-mailbox")).isEqualTo("agents-cdap@caf73.localhost");
    }

    @Test
    void theLocalProfileHasAnAgentForEachCafWithHashedPasswords() throws Exception {
        var local = new YamlPropertySourceLoader().load("local", new ClassPathResource("application-local.yml")).get(0);
        var encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();

        assertThat(local.getProperty("cdap.security.agents[0].username")).isEqualTo("agent");
        assertThat(local.getProperty("cdap.security.agents[0].cafs[0]")).isEqualTo("38");
        assertThat(encoder.matches("agent", String.valueOf(local.getProperty("cdap.security.agents[0].password"))))
                .isTrue();
        assertThat(local.getProperty("cdap.security.agents[1].username")).isEqualTo("agent73");
        assertThat(local.getProperty("cdap.security.agents[1].cafs[0]")).isEqualTo("73");
        assertThat(String.valueOf(local.getProperty("cdap.security.agents[1].password"))).startsWith("{bcrypt}");
        assertThat(encoder.matches("agent73", String.valueOf(local.getProperty("cdap.security.agents[1].password"))))
                .isTrue();
    }
}
