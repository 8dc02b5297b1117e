package fr.caf38.cdap.eligibility;

import org.junit.jupiter.api.Test;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.io.ClassPathResource;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local stack's agents: "agent" / "agent" for Caf 38 and "agent73" / "agent73" for Caf 73, stored
 * hashed, and only in the {@code local} profile's file.
 */
class LocalProfileTest {

    @Test
    void theLocalProfileSignsInTheLocalAgentWithAHashedPassword() throws Exception {
        var source = new YamlPropertySourceLoader().load("local", new ClassPathResource("application-local.yml")).get(0);

        assertThat(source.getProperty("cdap.security.agents[0].username")).isEqualTo("agent");
        String hash = String.valueOf(source.getProperty("cdap.security.agents[0].password"));
        assertThat(hash).startsWith("{bcrypt}");
        assertThat(PasswordEncoderFactories.createDelegatingPasswordEncoder().matches("agent", hash)).isTrue();
        assertThat(source.getProperty("cdap.security.agents[0].cafs[0]")).isEqualTo("38");
        assertThat(source.getProperty("cdap.security.agents[0].cafs[1]")).isNull();
    }

    @Test
    void theLocalProfileHasAnAgentOfCaf73WithAHashedPassword() throws Exception {
        var source = new YamlPropertySourceLoader().load("local", new ClassPathResource("application-local.yml")).get(0);

        assertThat(source.getProperty("cdap.security.agents[1].username")).isEqualTo("agent73");
        String hash = String.valueOf(source.getProperty("cdap.security.agents[1].password"));
        assertThat(hash).startsWith("{bcrypt}");
        assertThat(PasswordEncoderFactories.createDelegatingPasswordEncoder().matches("agent73", hash)).isTrue();
        assertThat(source.getProperty("cdap.security.agents[1].cafs[0]")).isEqualTo("73");
        assertThat(source.getProperty("cdap.security.agents[1].cafs[1]")).isNull();
    }

    @Test
    void theDefaultConfigurationHasNoAgent() throws Exception {
        var source = new YamlPropertySourceLoader().load("default", new ClassPathResource("application.yml")).get(0);

        assertThat(source.getProperty("cdap.security.agents[0].username")).isNull();
    }
}
