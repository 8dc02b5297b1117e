package fr.caf38.cdap.security.signin;

import fr.caf38.cdap.security.signin.SignInFailures.Count;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The contract's throttle on sign-in, for every sign-in with a password (API Basic and the console's
 * form): after {@code nameFailures} consecutive failures of a login name within the window, that name
 * is refused until {@code lock} after its last failure, even with the right password; a success
 * clears the name's count; attempts refused during a lock neither count nor extend it; unknown
 * names are counted the same, so the answer never tells whether a name exists. A source address is
 * refused for {@code lock} once it reaches {@code addressFailures} failures within the window.
 *
 * <p>Every failure and lock is logged at WARN with the login name and the source address (never the
 * password), a checked success at INFO.
 */
public class SignInThrottle {
    private static final Logger log = LoggerFactory.getLogger(SignInThrottle.class);
    private static final int MAX_KEY_LENGTH = 200;

    /** The two counts that bear on one attempt, as read before it; either may be absent. */
    public record Standing(String login, String address, String nameKey, String addressKey, Count name,
                           Count source) {
        boolean nameCounted() {
            return name != null && !name.failures().isEmpty();
        }
    }

    private final SignInFailures failures;
    private final SignInProperties properties;
    private final Clock clock;

    public SignInThrottle(SignInFailures failures, SignInProperties properties, Clock clock) {
        this.failures = failures;
        this.properties = properties;
        this.clock = clock;
    }

    /** Reads the name's and the address's counts: one find by {@code _id $in}. */
    public Standing standing(String login, String address) {
        String nameKey = nameKey(login);
        String addressKey = "address:" + address;
        Map<String, Count> counts = failures.read(List.of(nameKey, addressKey), clock.instant());
        return new Standing(login, address, nameKey, addressKey, counts.get(nameKey), counts.get(addressKey));
    }

    /** Refuses the attempt, without counting it, when its name or its address is locked. */
    public void refuseIfLocked(Standing standing) throws SignInLockedException {
        Instant now = clock.instant();
        Instant until = null;
        String why = null;
        if (standing.name() != null && standing.name().lockedAt(now)) {
            until = standing.name().lockedUntil();
            why = "name";
        }
        if (standing.source() != null && standing.source().lockedAt(now)
                && (until == null || standing.source().lockedUntil().isAfter(until))) {
            until = standing.source().lockedUntil();
            why = why == null ? "address" : "name and address";
        }
        if (until != null) {
            log.warn("Sign-in refused without checking the password: {} locked (login name '{}', source address {}) "
                    + "until {}", why, printable(standing.login()), printable(standing.address()), until);
            throw new SignInLockedException(Duration.between(now, until));
        }
    }

    /** Counts a failed attempt against its name and its address, and locks either that reaches its limit. */
    public void failed(Standing standing) {
        Instant now = clock.instant();
        Instant expiresAt = now.plus(longest(properties.window(), properties.lock()));
        Count name = failures.add(standing.nameKey(), now, properties.nameFailures(), expiresAt);
        Count source = failures.add(standing.addressKey(), now, properties.addressFailures(), expiresAt);
        int nameCount = name.within(properties.window(), now);
        int sourceCount = source.within(properties.window(), now);
        log.warn("Sign-in failed: login name '{}', source address {} ({} consecutive failure(s) of this name, "
                        + "{} from this address, within {} min)", printable(standing.login()),
                printable(standing.address()), nameCount, sourceCount, properties.window().toMinutes());
        Instant until = now.plus(properties.lock());
        if (nameCount >= properties.nameFailures()) {
            failures.lock(standing.nameKey(), until, longest(until, expiresAt));
            log.warn("Sign-in locked for login name '{}' until {} after {} consecutive failures (last from {})",
                    printable(standing.login()), until, nameCount, printable(standing.address()));
        }
        if (sourceCount >= properties.addressFailures()) {
            failures.lock(standing.addressKey(), until, longest(until, expiresAt));
            log.warn("Sign-in locked for source address {} until {} after {} failures (last for login name '{}')",
                    printable(standing.address()), until, sourceCount, printable(standing.login()));
        }
    }

    /** A success clears the name's count, with a write only when there is one to clear. */
    public void succeeded(Standing standing) {
        if (standing.nameCounted()) {
            failures.clear(standing.nameKey());
        }
    }

    /**
     * The name's key: lower-cased, as the configured users are matched whatever the case (so changing
     * the case does not escape a lock); a very long name by its hash, to keep the key small.
     */
    static String nameKey(String login) {
        String name = login.toLowerCase(Locale.ROOT);
        if (name.length() > MAX_KEY_LENGTH) {
            name = "sha256:" + sha256(name);
        }
        return "name:" + name;
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A login name as typed may hold anything: logged without control characters and not too long. */
    static String printable(String text) {
        if (text == null) {
            return "";
        }
        String shown = text.length() > 100 ? text.substring(0, 100) + "…" : text;
        StringBuilder out = new StringBuilder(shown.length());
        shown.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c)
                || Character.getType(c) == Character.FORMAT || c == 0x2028 || c == 0x2029 ? '?' : c));
        return out.toString();
    }

    private static Duration longest(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static Instant longest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
