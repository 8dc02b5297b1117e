package fr.caf38.cdap.security;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.Jwt;

/** The name recorded when an agent acts: the configured display name, the JWT's name, or the login. */
public class AgentNames {
    private final AgentSecurityProperties properties;

    public AgentNames(AgentSecurityProperties properties) {
        this.properties = properties;
    }

    public String of(Authentication authentication) {
        if (authentication.getPrincipal() instanceof Jwt jwt && jwt.getClaimAsString("name") != null) {
            return jwt.getClaimAsString("name");
        }
        String login = authentication.getName();
        return properties.agents().stream()
                .filter(agent -> agent.username().equals(login) && agent.displayName() != null)
                .map(AgentSecurityProperties.Agent::displayName)
                .findFirst().orElse(login);
    }
}
