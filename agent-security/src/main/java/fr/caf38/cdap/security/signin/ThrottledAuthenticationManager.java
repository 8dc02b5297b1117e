package fr.caf38.cdap.security.signin;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.authentication.ProviderNotFoundException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every sign-in with a login name and a password, API Basic and the console's form alike, goes
 * through here: the {@link SignInThrottle} first (a locked name or address is refused before any
 * password check, so bcrypt runs only for names not locked), then the password check, then the
 * count updated.
 *
 * <p>A successful check is remembered for {@code cacheFor} under the SHA-256 of name and password, so
 * that a metrics scraper signing in every few seconds costs neither a bcrypt nor a store write (the
 * locks are still read, by {@code _id}, so a lock holds even for remembered credentials). Only checked
 * successes are logged at INFO; remembered ones are not, or a scraper would log every few seconds.
 */
public class ThrottledAuthenticationManager implements AuthenticationManager {
    private static final Logger log = LoggerFactory.getLogger(ThrottledAuthenticationManager.class);

    private record Remembered(UserDetails user, Instant until) {
    }

    private final AuthenticationProvider passwords;
    private final SignInThrottle throttle;
    private final SignInProperties properties;
    private final Clock clock;
    private final Map<String, Remembered> remembered = new ConcurrentHashMap<>();

    public ThrottledAuthenticationManager(AuthenticationProvider passwords, SignInThrottle throttle,
                                          SignInProperties properties, Clock clock) {
        this.passwords = passwords;
        this.throttle = throttle;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public Authentication authenticate(Authentication attempt) throws AuthenticationException {
        if (!(attempt instanceof UsernamePasswordAuthenticationToken)) {
            throw new ProviderNotFoundException("Only a login name and a password are accepted here");
        }
        String login = attempt.getName();
        String password = attempt.getCredentials() == null ? "" : attempt.getCredentials().toString();
        if (login == null || login.isEmpty()) {
            // No name, no credentials: refused, but not a failure of anyone's.
            throw new BadCredentialsException("No login name");
        }
        String address = attempt.getDetails() instanceof WebAuthenticationDetails details
                && details.getRemoteAddress() != null ? details.getRemoteAddress() : "unknown";

        String key = SignInThrottle.sha256(login + '\u0000' + password);
        Instant now = clock.instant();
        Remembered known = remembered.get(key);
        boolean isKnown = known != null && known.until().isAfter(now);

        SignInThrottle.Standing standing;
        try {
            standing = throttle.standing(login, address);
        } catch (DataAccessException e) {
            if (isKnown) {
                // Checked minutes ago: the store being away does not shut the scraper out.
                log.warn("Sign-in counts unreadable ({}); remembered credentials of '{}' let in", e.toString(),
                        SignInThrottle.printable(login));
                return authenticated(known.user(), attempt);
            }
            throw new InternalAuthenticationServiceException("Sign-in counts unreadable", e);
        }
        throttle.refuseIfLocked(standing);
        if (isKnown) {
            throttle.succeeded(standing);
            return authenticated(known.user(), attempt);
        }

        Authentication checked;
        try {
            checked = passwords.authenticate(attempt);
        } catch (InternalAuthenticationServiceException e) {
            throw e; // the users could not be read: nobody's failure
        } catch (AuthenticationException e) {
            try {
                throttle.failed(standing);
            } catch (DataAccessException storeAway) {
                throw new InternalAuthenticationServiceException("Sign-in failure not counted", storeAway);
            }
            throw e;
        }
        if (checked == null || !(checked.getPrincipal() instanceof UserDetails user)) {
            throw new ProviderNotFoundException("No user for this sign-in");
        }
        try {
            throttle.succeeded(standing);
        } catch (DataAccessException e) {
            log.warn("Count of login name '{}' not cleared: {}", SignInThrottle.printable(login), e.toString());
        }
        log.info("Sign-in of login name '{}' from source address {}", SignInThrottle.printable(user.getUsername()),
                SignInThrottle.printable(address));
        remember(key, user, now);
        return authenticated(user, attempt);
    }

    private void remember(String key, UserDetails user, Instant now) {
        if (properties.cacheFor().isZero() || properties.cacheFor().isNegative()) {
            return;
        }
        if (remembered.size() >= properties.cacheSize()) {
            remembered.values().removeIf(entry -> !entry.until().isAfter(now));
            if (remembered.size() >= properties.cacheSize()) {
                remembered.clear();
            }
        }
        remembered.put(key, new Remembered(withoutPassword(user), now.plus(properties.cacheFor())));
    }

    private static UserDetails withoutPassword(UserDetails user) {
        return org.springframework.security.core.userdetails.User.withUsername(user.getUsername())
                .password("").authorities(user.getAuthorities()).build();
    }

    /** The signed-in user, without any password (neither the one typed nor the stored hash). */
    private static Authentication authenticated(UserDetails user, Authentication attempt) {
        var token = UsernamePasswordAuthenticationToken.authenticated(withoutPassword(user), null,
                user.getAuthorities());
        token.setDetails(attempt.getDetails());
        return token;
    }
}
