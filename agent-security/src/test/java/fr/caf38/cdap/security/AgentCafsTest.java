package fr.caf38.cdap.security;

import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Which Cafs an agent works for: a configured agent's {@code cafs}, a JWT's claim {@code cafs}, else none. */
class AgentCafsTest {
    private final AgentCafs cafs = new AgentCafs(new AgentSecurityProperties(List.of(
            new AgentSecurityProperties.Agent("agent", "{noop}x", null, null, List.of("38")),
            new AgentSecurityProperties.Agent("both", "{noop}x", null, null, List.of("38", "73")),
            new AgentSecurityProperties.Agent("nobody", "{noop}x", null, null, null)), null));

    private static UsernamePasswordAuthenticationToken signedIn(String login) {
        return UsernamePasswordAuthenticationToken.authenticated(login, null, AuthorityUtils.createAuthorityList("ROLE_AGENT"));
    }

    private static JwtAuthenticationToken bearer(List<String> claim) {
        Jwt.Builder jwt = Jwt.withTokenValue("token").header("alg", "RS256").subject("someone");
        if (claim != null) {
            jwt.claim("cafs", claim);
        }
        return new JwtAuthenticationToken(jwt.build(), AuthorityUtils.createAuthorityList("ROLE_AGENT"));
    }

    @Test
    void aConfiguredAgentWorksForTheCafsOfTheirSetting() {
        assertThat(cafs.of(signedIn("agent"))).containsExactly("38");
        assertThat(cafs.of(signedIn("both"))).containsExactlyInAnyOrder("38", "73");
        assertThat(cafs.allows(signedIn("agent"), "38")).isTrue();
        assertThat(cafs.allows(signedIn("agent"), "73")).isFalse();
        assertThat(cafs.allows(signedIn("agent"), null)).isFalse();
    }

    @Test
    void anAgentWithNoCafAnUnknownLoginAndNoOneSignedInWorkForNone() {
        assertThat(cafs.of(signedIn("nobody"))).isEmpty();
        assertThat(cafs.of(signedIn("stranger"))).isEmpty();
        assertThat(cafs.of(null)).isEmpty();
        assertThat(cafs.of(new AnonymousAuthenticationToken("key", "anonymous",
                AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS")))).isEmpty();
        assertThat(cafs.of(UsernamePasswordAuthenticationToken.unauthenticated("agent", "x"))).isEmpty();
    }

    @Test
    void aJwtAgentWorksForTheCafsOfTheClaimAndNoneWithoutIt() {
        assertThat(cafs.of(bearer(List.of("73", "2A")))).containsExactlyInAnyOrder("73", "2A");
        assertThat(cafs.allows(bearer(List.of("73")), "38")).isFalse();
        assertThat(cafs.of(bearer(null))).isEmpty();
    }
}
