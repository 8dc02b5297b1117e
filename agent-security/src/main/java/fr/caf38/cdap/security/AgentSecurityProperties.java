package fr.caf38.cdap.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.List;

/**
 * Who may sign in to the service ({@code cdap.security.*}): the agents, and the monitoring user (an
 * entry with role {@code MONITORING}, which reads the actuator's details and metrics only).
 *
 * @param agents    users from configuration, each with a hashed password ({@code {bcrypt}...}, or PBKDF2
 *                  in hexadecimal without an id)
 * @param issuerUri a JWT issuer (OpenID Connect); its tokens are accepted when set, their
 *                  {@code roles} claim must contain {@code AGENT}
 */
@ConfigurationProperties("cdap.security")
public record AgentSecurityProperties(List<Agent> agents, String issuerUri) {

    public AgentSecurityProperties {
        agents = agents == null ? List.of() : List.copyOf(agents);
    }

    /**
     * @param username       the login
     * @param password       the password hash, with its encoder id ({@code {bcrypt}$2a$...})
     * @param roles          roles, {@code AGENT} by default; {@code MONITORING} for the monitoring user
     * @param displayName    the name recorded on a review (the login when absent)
     * @param cafs           the Cafs (département codes) this agent works for; none means the agent sees nothing
     */
    public record Agent(String username, String password, List<String> roles, String displayName, List<String> cafs) {
        public Agent {
            roles = roles == null || roles.isEmpty() ? List.of(AgentSecurityAutoConfiguration.AGENT) : List.copyOf(roles);
            cafs = cafs == null ? List.of() : List.copyOf(cafs);
        }
    }

    boolean hasIssuer() {
        return issuerUri != null && !issuerUri.isBlank();
    }
}
