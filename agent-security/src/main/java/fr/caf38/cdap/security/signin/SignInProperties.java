package fr.caf38.cdap.security.signin;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * The sign-in throttle ({@code cdap.security.sign-in.*}); the defaults are the contract's.
 *
 * @param nameFailures    consecutive failures of one login name within {@code window} that lock it (5)
 * @param addressFailures failures from one source address within {@code window} that lock it (100)
 * @param window          the window the failures are counted in (15 min)
 * @param lock            how long a lock lasts: after a name's last failure, after the address's last (15 min)
 * @param cacheFor        how long a successful Basic check is remembered, so that a scraper signing in every
 *                        few seconds costs neither a bcrypt nor a store write (5 min)
 * @param cacheSize       at most this many remembered checks (1,000)
 * @param collection      the store's collection of counts
 */
@ConfigurationProperties("cdap.security.sign-in")
public record SignInProperties(Integer nameFailures, Integer addressFailures, Duration window, Duration lock,
                               Duration cacheFor, Integer cacheSize, String collection) {
    public SignInProperties {
        nameFailures = nameFailures == null ? 5 : nameFailures;
        addressFailures = addressFailures == null ? 100 : addressFailures;
        window = window == null ? Duration.ofMinutes(15) : window;
        lock = lock == null ? Duration.ofMinutes(15) : lock;
        cacheFor = cacheFor == null ? Duration.ofMinutes(5) : cacheFor;
        cacheSize = cacheSize == null ? 1_000 : cacheSize;
        collection = collection == null || collection.isBlank() ? "sign_in_failures" : collection;
        if (nameFailures < 1 || addressFailures < 1) {
            throw new IllegalArgumentException("cdap.security.sign-in: the failure limits must be at least 1");
        }
    }

    public static SignInProperties defaults() {
        return new SignInProperties(null, null, null, null, null, null, null);
    }
}
