package fr.caf38.cdap.security;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.Jwt;

import java.util.List;
import java.util.Set;

/**
 * The Cafs (département codes) an agent works for: the configured agent's {@code cafs}, or the JWT's
 * {@code cafs} claim. A request, its decisions and its emails belong to the Caf of its
 * {@code cafDepartment}; an agent reads and acts only on those of their Cafs, and an agent with no
 * Caf sees nothing. Callers answer anything else exactly like an unknown id.
 */
public class AgentCafs {
    private final AgentSecurityProperties properties;

    public AgentCafs(AgentSecurityProperties properties) {
        this.properties = properties;
    }

    /** The Cafs of whoever is signed in; empty when unknown or unauthenticated. */
    public Set<String> of(Authentication authentication) {
        if (authentication == null || !authentication.isAuthenticated()) {
            return Set.of();
        }
        if (authentication.getPrincipal() instanceof Jwt jwt) {
            List<String> claim = jwt.getClaimAsStringList("cafs");
            return claim == null ? Set.of() : Set.copyOf(claim);
        }
        String login = authentication.getName();
        return properties.agents().stream()
                .filter(agent -> agent.username().equals(login))
                .findFirst()
                .map(agent -> Set.copyOf(agent.cafs()))
                .orElse(Set.of());
    }

    /** Whether what belongs to {@code cafDepartment} may be shown to this agent. */
    public boolean allows(Authentication authentication, String cafDepartment) {
        return cafDepartment != null && of(authentication).contains(cafDepartment);
    }
}
