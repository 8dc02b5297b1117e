package fr.caf38.cdap.security.signin;

import org.springframework.security.core.AuthenticationException;

import java.time.Duration;

/** A sign-in refused without checking the password: its login name or its source address is locked. */
public class SignInLockedException extends AuthenticationException {
    private final Duration retryAfter;

    public SignInLockedException(Duration retryAfter) {
        super("Too many failed sign-ins; retry after " + retryAfter.toSeconds() + " s");
        this.retryAfter = retryAfter;
    }

    /** Until the lock ends. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** The {@code Retry-After} header's value: whole seconds, rounded up, at least 1. */
    public long retryAfterSeconds() {
        long seconds = retryAfter.toSeconds() + (retryAfter.toNanosPart() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }
}
