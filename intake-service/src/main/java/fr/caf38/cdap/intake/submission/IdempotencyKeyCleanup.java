package fr.caf38.cdap.intake.submission;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;

/**
 * Releases idempotency keys past their retention (24 hours). A scheduled clean-up rather than a TTL
 * index: the embedded store has none. It reads only the keys collection, which holds the keys still
 * kept, so it costs what is pending, not what is stored; a key found expired before it ran is
 * replaced on use.
 */
@Component
public class IdempotencyKeyCleanup {
    private static final Logger log = LoggerFactory.getLogger(IdempotencyKeyCleanup.class);

    private final IdempotencyKeys keys;
    private final Clock clock;

    public IdempotencyKeyCleanup(IdempotencyKeys keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${cdap.intake.idempotency.cleanup-interval:1h}",
            initialDelayString = "${cdap.intake.idempotency.cleanup-interval:1h}")
    void releaseExpiredKeys() {
        try {
            releaseExpiredKeys(clock.instant());
        } catch (RuntimeException e) {
            log.warn("Idempotency key clean-up failed, will retry: {}", e.toString());
        }
    }

    /** Releases the keys that expired by {@code now}; returns how many. */
    public long releaseExpiredKeys(Instant now) {
        long released = keys.releaseExpired(now);
        if (released > 0) {
            log.info("Released {} expired idempotency keys", released);
        }
        return released;
    }
}
