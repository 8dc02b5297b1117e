package fr.caf38.cdap.security;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;

import java.nio.charset.StandardCharsets;

/**
 * Secures the agents' API ({@code /api/**}): role {@code AGENT}, HTTP Basic for configured agents,
 * bearer JWT when an issuer is configured; {@code 401} without credentials and {@code 403} without
 * the role, both as problem details. Health, OpenAPI, Swagger UI and the AsyncAPI description stay open.
 *
 * <p>Refuses to start outside the {@code local} profile when neither agents nor an issuer are
 * configured: a service nobody can use, or worse one with a known default password, is a mistake.
 */
@AutoConfiguration
@EnableConfigurationProperties(AgentSecurityProperties.class)
public class AgentSecurityAutoConfiguration {
    public static final String AGENT = "AGENT";

    @Bean
    AgentNames agentNames(AgentSecurityProperties properties) {
        return new AgentNames(properties);
    }

    @Bean
    AgentCafs agentCafs(AgentSecurityProperties properties) {
        return new AgentCafs(properties);
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    UserDetailsService agentUsers(AgentSecurityProperties properties, Environment environment) {
        if (properties.agents().isEmpty() && !properties.hasIssuer()
                && !environment.acceptsProfiles(Profiles.of("local"))) {
            throw new IllegalStateException("No agent can sign in: configure cdap.security.agents (with hashed "
                    + "passwords) or cdap.security.issuer-uri, or run with the 'local' profile");
        }
        var manager = new InMemoryUserDetailsManager();
        properties.agents().forEach(agent -> manager.createUser(User.withUsername(agent.username())
                .password(agent.password())
                .roles(agent.roles().toArray(String[]::new))
                .build()));
        return manager;
    }

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 10)
    SecurityFilterChain agentApiSecurity(HttpSecurity http, AgentSecurityProperties properties) throws Exception {
        http.securityMatcher("/api/**")
                .authorizeHttpRequests(requests -> requests.anyRequest().hasRole(AGENT))
                .httpBasic(basic -> basic.authenticationEntryPoint(unauthorized()))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // A stateless API authenticated on every call by a header: no cookie to protect from CSRF.
                .csrf(csrf -> csrf.disable())
                .exceptionHandling(errors -> errors.authenticationEntryPoint(unauthorized())
                        .accessDeniedHandler(forbidden()));
        if (properties.hasIssuer()) {
            JwtDecoder decoder = JwtDecoders.fromIssuerLocation(properties.issuerUri());
            http.oauth2ResourceServer(server -> server
                    .authenticationEntryPoint(unauthorized())
                    .jwt(jwt -> jwt.decoder(decoder).jwtAuthenticationConverter(rolesFromClaim())));
        }
        return http.build();
    }

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 20)
    SecurityFilterChain openEndpoints(HttpSecurity http) throws Exception {
        http.securityMatcher("/actuator/**", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html", "/asyncapi.yaml")
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .csrf(Customizer.withDefaults());
        return http.build();
    }

    private static JwtAuthenticationConverter rolesFromClaim() {
        var authorities = new JwtGrantedAuthoritiesConverter();
        authorities.setAuthoritiesClaimName("roles");
        authorities.setAuthorityPrefix("ROLE_");
        var converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(authorities);
        converter.setPrincipalClaimName("preferred_username");
        return converter;
    }

    static AuthenticationEntryPoint unauthorized() {
        return (request, response, exception) -> {
            response.setHeader("WWW-Authenticate", "Basic realm=\"cdap-agents\"");
            problem(response, HttpStatus.UNAUTHORIZED, "Authentification requise.");
        };
    }

    static AccessDeniedHandler forbidden() {
        return (request, response, exception) ->
                problem(response, HttpStatus.FORBIDDEN, "Cette action est réservée aux agents de la Caf.");
    }

    private static void problem(jakarta.servlet.http.HttpServletResponse response, HttpStatus status, String detail)
            throws java.io.IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"" + status.getReasonPhrase()
                + "\",\"status\":" + status.value() + ",\"detail\":\"" + detail + "\"}");
    }
}
