package fr.caf38.cdap.intake.submission;

import fr.caf38.cdap.intake.request.AccessRequests;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;

/**
 * Releases idempotency keys past their retention (24 hours). A scheduled clean-up rather than a
 * TTL index: the embedded store has none, and a TTL would delete the whole request, not the key.
 */
@Component
public class IdempotencyKeyCleanup {
    private static final Logger log = LoggerFactory.getLogger(IdempotencyKeyCleanup.class);

    private final AccessRequests requests;
    private final Clock clock;

    public IdempotencyKeyCleanup(AccessRequests requests, Clock clock) {
        this.requests = requests;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${cdap.intake.idempotency.cleanup-interval:10m}", initialDelayString = "1m")
    void releaseExpiredKeys() {
        try {
            releaseExpiredKeys(clock.instant());
        } catch (RuntimeException e) {
            log.warn("Idempotency key clean-up failed, will retry: {}", e.toString());
        }
    }

    /** Releases the keys that expired by {@code now}; returns how many. */
    public long releaseExpiredKeys(Instant now) {
        long released = requests.releaseExpiredKeys(now);
        if (released > 0) {
            log.info("Released {} expired idempotency keys", released);
        }
        return released;
    }
}
