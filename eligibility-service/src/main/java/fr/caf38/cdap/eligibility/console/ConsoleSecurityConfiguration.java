package fr.caf38.cdap.eligibility.console;

import fr.caf38.cdap.input.problem.CommonProblem;
import fr.caf38.cdap.security.AgentSecurityAutoConfiguration;
import fr.caf38.cdap.security.signin.SignInLockedException;
import fr.caf38.cdap.security.signin.ThrottledAuthenticationManager;
import jakarta.servlet.DispatcherType;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * Security of the agents' pages: everything that the chains of {@code agent-security} (the API at
 * {@code /api/**}, the actuator, then the open OpenAPI endpoints) do not match. Form login at
 * {@code /connexion} for the same agents as the API, through the same throttled sign-in
 * ({@link ThrottledAuthenticationManager}: a locked name or address gets a French message), role
 * {@code AGENT}, a session cookie, so CSRF protection stays on; logout by POST to {@code /deconnexion}.
 * This chain matches any request, so it must come last.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ConsoleProperties.class)
class ConsoleSecurityConfiguration {
    static final String SIGN_IN = "/connexion";
    static final String FORBIDDEN = "/acces-refuse";
    static final String EXPIRED = "/session-expiree";
    // Pages are ours alone: no script at all, styles from our own stylesheet, forms posted only to us.
    private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'none'; "
            + "style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    SecurityFilterChain agentConsoleSecurity(HttpSecurity http, ThrottledAuthenticationManager signIn) throws Exception {
        http.authenticationManager(signIn)
                .authorizeHttpRequests(requests -> requests
                        // Error pages and the forwards to the refusal pages render whatever led there.
                        .dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.FORWARD).permitAll()
                        .requestMatchers("/css/**", "/favicon.ico", "/error", SIGN_IN, FORBIDDEN, EXPIRED).permitAll()
                        .anyRequest().hasRole(AgentSecurityAutoConfiguration.AGENT))
                .formLogin(form -> form.loginPage(SIGN_IN)
                        .failureHandler(signInFailure())
                        // After signing in, back to the page asked for (an email's link), else the queue.
                        .defaultSuccessUrl("/", false))
                .logout(logout -> logout.logoutUrl("/deconnexion").logoutSuccessUrl(SIGN_IN + "?deconnexion"))
                .exceptionHandling(errors -> errors.accessDeniedHandler(accessDenied()))
                .headers(headers -> {
                    AgentSecurityAutoConfiguration.writtenBeforeTheRequest(headers);
                    headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                            .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN));
                });
        return http.build();
    }

    /**
     * Back to the sign-in page with the message (the lock's when the name or the address is locked), and
     * the login typed kept for the form (not the password). The throttle has logged the failure.
     */
    private static AuthenticationFailureHandler signInFailure() {
        SimpleUrlAuthenticationFailureHandler redirect = new SimpleUrlAuthenticationFailureHandler(SIGN_IN + "?erreur");
        return (request, response, exception) -> {
            if (exception instanceof SignInLockedException locked) {
                request.getSession().setAttribute(SignInController.MESSAGE,
                        AgentSecurityAutoConfiguration.lockedMessage(locked));
            } else if (exception instanceof InternalAuthenticationServiceException) {
                request.getSession().setAttribute(SignInController.MESSAGE,
                        CommonProblem.SIGN_IN_UNAVAILABLE.detail());
            }
            String username = request.getParameter("username");
            if (username != null) {
                request.getSession().setAttribute(SignInController.LAST_USERNAME,
                        username.length() > 100 ? username.substring(0, 100) : username);
            }
            redirect.onAuthenticationFailure(request, response, exception);
        };
    }

    /** A missing or stale CSRF token (often an expired session) is not the same refusal as a missing role. */
    private static AccessDeniedHandler accessDenied() {
        AccessDeniedHandlerImpl forbidden = new AccessDeniedHandlerImpl();
        forbidden.setErrorPage(FORBIDDEN);
        AccessDeniedHandlerImpl expired = new AccessDeniedHandlerImpl();
        expired.setErrorPage(EXPIRED);
        return (request, response, exception) ->
                (exception instanceof CsrfException ? expired : forbidden).handle(request, response, exception);
    }
}
