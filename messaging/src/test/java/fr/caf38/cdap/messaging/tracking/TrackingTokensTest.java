package fr.caf38.cdap.messaging.tracking;

import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrackingTokensTest {
    private final TrackingTokens tokens = new TrackingTokens(TrackingTokens.newSecret());

    @Test
    void theSameRequestAlwaysGetsTheSameUrlSafeToken() {
        UUID id = UUID.randomUUID();
        String token = tokens.tokenFor(id);
        assertThat(tokens.tokenFor(id)).isEqualTo(token);
        assertThat(token).matches("[A-Za-z0-9_-]{43}");
        assertThat(tokens.matches(id, token)).isTrue();
    }

    @Test
    void anotherRequestsTokenOrAnotherKeysTokenDoesNotMatch() {
        UUID id = UUID.randomUUID();
        assertThat(tokens.matches(id, tokens.tokenFor(UUID.randomUUID()))).isFalse();
        assertThat(tokens.matches(id, new TrackingTokens(TrackingTokens.newSecret()).tokenFor(id))).isFalse();
        assertThat(tokens.matches(id, null)).isFalse();
        assertThat(tokens.matches(id, "")).isFalse();
    }

    @Test
    void aKeyShorterThan128BitsOrMissingIsRefused() {
        assertThatThrownBy(() -> new TrackingTokens("c2hvcnQ")).hasMessageContaining("128 bits");
        assertThatThrownBy(() -> new TrackingTokens(" ")).hasMessageContaining("not configured");
    }
}
