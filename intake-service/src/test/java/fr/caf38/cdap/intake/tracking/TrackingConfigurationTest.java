package fr.caf38.cdap.intake.tracking;

import fr.caf38.cdap.messaging.tracking.TrackingTokens;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class TrackingConfigurationTest {
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(TrackingConfiguration.class);

    @Test
    void theServiceRefusesToStartWithoutATrackingSecret() {
        runner.run(context -> assertThat(context).hasFailed().getFailure()
                .rootCause().hasMessageContaining("cdap.tracking.secret is not set"));
    }

    @Test
    void aSecretTooShortIsRefused() {
        runner.withPropertyValues("cdap.tracking.secret=c2hvcnQ")
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .rootCause().hasMessageContaining("128 bits"));
    }

    @Test
    void withASecretTokensAreDerivedFromIt() {
        String secret = TrackingTokens.newSecret();
        runner.withPropertyValues("cdap.tracking.secret=" + secret).run(context -> {
            UUID id = UUID.randomUUID();
            assertThat(context.getBean(TrackingTokens.class).tokenFor(id))
                    .isEqualTo(new TrackingTokens(secret).tokenFor(id));
        });
    }
}
