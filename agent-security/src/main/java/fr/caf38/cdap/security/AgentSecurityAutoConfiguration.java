package fr.caf38.cdap.security;

import fr.caf38.cdap.input.problem.CommonProblem;
import fr.caf38.cdap.input.problem.ProblemJson;
import fr.caf38.cdap.wording.Wording;
import fr.caf38.cdap.security.signin.SignInFailures;
import fr.caf38.cdap.security.signin.SignInLockedException;
import fr.caf38.cdap.security.signin.SignInProperties;
import fr.caf38.cdap.security.signin.SignInThrottle;
import fr.caf38.cdap.security.signin.ThrottledAuthenticationManager;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.crypto.password.Pbkdf2PasswordEncoder;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.firewall.RequestRejectedHandler;

import java.time.Clock;

/**
 * Who may sign in, and to what, on each service.
 * <ul>
 * <li>The agents' API ({@code /api/**}, unless {@code cdap.security.agent-api.enabled=false}, as on
 * intake whose API is the partners'): role {@code AGENT}, HTTP Basic for configured users, bearer JWT
 * when an issuer is configured.</li>
 * <li>The actuator: health and its two probes open, with the status only; everything else (health
 * details, {@code prometheus}, {@code metrics}, {@code info}) needs role {@code MONITORING} or
 * {@code AGENT}.</li>
 * </ul>
 * {@code 401} without credentials, {@code 403} without the role, {@code 429} while the name or the
 * address is locked, all as problem details. Every password sign-in goes through the one
 * {@link ThrottledAuthenticationManager} (the console's form login too). OpenAPI, Swagger UI and the
 * AsyncAPI description stay open.
 *
 * <p>Refuses to start outside the {@code local} profile when neither users nor an issuer are
 * configured: a service nobody can use, or worse one with a known default password, is a mistake.
 */
@AutoConfiguration(afterName = "org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration")
@EnableConfigurationProperties({AgentSecurityProperties.class, SignInProperties.class})
public class AgentSecurityAutoConfiguration {
    public static final String AGENT = "AGENT";
    public static final String MONITORING = "MONITORING";
    /** The actuator endpoints that answer anyone, with the status only. */
    static final String[] OPEN_HEALTH = {"/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness"};
    private static final Logger log = LoggerFactory.getLogger(AgentSecurityAutoConfiguration.class);

    @Bean
    AgentNames agentNames(AgentSecurityProperties properties) {
        return new AgentNames(properties);
    }

    @Bean
    AgentCafs agentCafs(AgentSecurityProperties properties) {
        return new AgentCafs(properties);
    }

    /**
     * Hashes name their encoder ({@code {bcrypt}$2a$...}); one without is read as PBKDF2 (Spring
     * Security's defaults, hexadecimal): it holds neither {@code $} nor braces, so a Compose default can
     * carry it, which no Compose version reads alike for a bcrypt hash.
     */
    @Bean
    @ConditionalOnMissingBean
    PasswordEncoder passwordEncoder() {
        var encoder = (DelegatingPasswordEncoder) PasswordEncoderFactories.createDelegatingPasswordEncoder();
        encoder.setDefaultPasswordEncoderForMatches(Pbkdf2PasswordEncoder.defaultsForSpringSecurity_v5_8());
        return encoder;
    }

    @Bean
    SignInFailures signInFailures(MongoTemplate mongo, SignInProperties properties) {
        SignInFailures failures = new SignInFailures(mongo, properties.collection());
        failures.createIndexes();
        return failures;
    }

    @Bean
    SignInThrottle signInThrottle(SignInFailures failures, SignInProperties properties, ObjectProvider<Clock> clock) {
        return new SignInThrottle(failures, properties, clock.getIfAvailable(Clock::systemUTC));
    }

    /**
     * The one way to sign in with a password. Deliberately the only authentication bean: the users are
     * not a {@code UserDetailsService} bean, so no default manager can check a password unthrottled.
     */
    @Bean
    ThrottledAuthenticationManager agentAuthenticationManager(AgentSecurityProperties properties,
                                                              SignInProperties signIn, Environment environment,
                                                              PasswordEncoder passwordEncoder, SignInThrottle throttle,
                                                              ObjectProvider<Clock> clock) {
        var passwords = new DaoAuthenticationProvider(agentUsers(properties, environment));
        passwords.setPasswordEncoder(passwordEncoder);
        return new ThrottledAuthenticationManager(passwords, throttle, signIn, clock.getIfAvailable(Clock::systemUTC));
    }

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
    @ConditionalOnProperty(name = "cdap.security.agent-api.enabled", havingValue = "true", matchIfMissing = true)
    SecurityFilterChain agentApiSecurity(HttpSecurity http, AgentSecurityProperties properties,
                                         ThrottledAuthenticationManager signIn) throws Exception {
        http.securityMatcher("/api/**")
                .authorizeHttpRequests(requests -> requests.anyRequest().hasRole(AGENT));
        return stateless(http, properties, signIn,
                forbidden(CommonProblem.ACCESS_DENIED.detail())).build();
    }

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 15)
    SecurityFilterChain actuatorSecurity(HttpSecurity http, AgentSecurityProperties properties,
                                         ThrottledAuthenticationManager signIn) throws Exception {
        http.securityMatcher("/actuator/**")
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(OPEN_HEALTH).permitAll()
                        .anyRequest().hasAnyRole(MONITORING, AGENT));
        return stateless(http, properties, signIn,
                forbidden(CommonProblem.ACCESS_DENIED.detailFor("monitoring"))).build();
    }

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 20)
    SecurityFilterChain openEndpoints(HttpSecurity http) throws Exception {
        http.securityMatcher("/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html", "/asyncapi.yaml")
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .csrf(Customizer.withDefaults());
        return http.build();
    }

    /**
     * What the firewall refuses (an encoded slash, a control character in a header...) is a {@code 400}:
     * problem details on the API and the actuator, the service's own error page elsewhere.
     */
    @Bean
    RequestRejectedHandler requestRejectedHandler() {
        return (request, response, exception) -> {
            log.warn("Request refused by the firewall ({} from {}): {}", request.getMethod(), request.getRemoteAddr(),
                    printable(exception.getMessage()));
            if (machinePath(request)) {
                ProblemJson.write(response, CommonProblem.BAD_REQUEST, CommonProblem.BAD_REQUEST.detailFor("refused"));
            } else {
                response.sendError(HttpStatus.BAD_REQUEST.value());
            }
        };
    }

    private static boolean machinePath(HttpServletRequest request) {
        String uri = request.getRequestURI();
        return uri != null && (uri.equals("/api") || uri.startsWith("/api/") || uri.equals("/actuator")
                || uri.startsWith("/actuator/"));
    }

    private static String printable(String text) {
        return text == null ? "" : text.replaceAll("\\p{Cntrl}", "?");
    }

    /** Basic (throttled) and, with an issuer, bearer JWT; no session, so no cookie to protect from CSRF. */
    private static HttpSecurity stateless(HttpSecurity http, AgentSecurityProperties properties,
                                          ThrottledAuthenticationManager signIn, AccessDeniedHandler forbidden)
            throws Exception {
        http.authenticationManager(signIn)
                .httpBasic(basic -> basic.authenticationEntryPoint(unauthorized()))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .exceptionHandling(errors -> errors.authenticationEntryPoint(unauthorized())
                        .accessDeniedHandler(forbidden))
                .headers(AgentSecurityAutoConfiguration::writtenBeforeTheRequest);
        if (properties.hasIssuer()) {
            JwtDecoder decoder = JwtDecoders.fromIssuerLocation(properties.issuerUri());
            http.oauth2ResourceServer(server -> server
                    .authenticationEntryPoint(unauthorized())
                    .jwt(jwt -> jwt.decoder(decoder).jwtAuthenticationConverter(rolesFromClaim())));
        }
        return http;
    }

    /**
     * The security headers are written on the request's own thread, before it is handled, instead of when
     * the response is committed: a streamed answer (the CSV exports) is committed by the async thread that
     * writes it while the request thread leaves the filters, and two threads must never write a response's
     * headers at once (seen as a {@code ConcurrentModificationException}).
     */
    public static void writtenBeforeTheRequest(HeadersConfigurer<HttpSecurity> headers) {
        headers.addObjectPostProcessor(new ObjectPostProcessor<HeaderWriterFilter>() {
            @Override
            public <O extends HeaderWriterFilter> O postProcess(O filter) {
                filter.setShouldWriteHeadersEagerly(true);
                return filter;
            }
        });
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

    /**
     * {@code 401}, or {@code 429} with {@code Retry-After} while the name or the address is locked, or
     * {@code 503} when the sign-in counts cannot be read.
     */
    static AuthenticationEntryPoint unauthorized() {
        return (request, response, exception) -> {
            if (exception instanceof SignInLockedException locked) {
                response.setHeader("Retry-After", Long.toString(locked.retryAfterSeconds()));
                ProblemJson.write(response, CommonProblem.SIGN_IN_LOCKED, lockedMessage(locked));
                return;
            }
            if (exception instanceof InternalAuthenticationServiceException) {
                // The sign-in counts could not be read or written (the store away): no way to check safely.
                response.setHeader("Retry-After", "30");
                ProblemJson.write(response, CommonProblem.SIGN_IN_UNAVAILABLE, CommonProblem.SIGN_IN_UNAVAILABLE.detail());
                return;
            }
            response.setHeader("WWW-Authenticate", "Basic realm=\"cdap-agents\"");
            ProblemJson.write(response, CommonProblem.AUTHENTICATION_REQUIRED,
                    CommonProblem.AUTHENTICATION_REQUIRED.detail());
        };
    }

    /** The French message of a lock, for the API and the console alike. */
    public static String lockedMessage(SignInLockedException locked) {
        long minutes = (locked.retryAfterSeconds() + 59) / 60;
        return CommonProblem.SIGN_IN_LOCKED.detail(
                Wording.text(minutes > 1 ? "signIn.minutes" : "signIn.minute", minutes));
    }

    static AccessDeniedHandler forbidden(String detail) {
        return (request, response, exception) -> ProblemJson.write(response, CommonProblem.ACCESS_DENIED, detail);
    }
}
