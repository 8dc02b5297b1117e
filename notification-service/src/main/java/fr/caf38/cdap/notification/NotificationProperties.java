package fr.caf38.cdap.notification;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Settings of the notification service ({@code cdap.notification.*}).
 *
 * @param publicBaseUrl  where partners reach the tracking page: the acknowledgement links to
 *                       {@code <publicBaseUrl>/suivi/<requestId>?token=<token>}
 * @param agentsBaseUrl  where agents open a request: the agents' notice links to {@code <agentsBaseUrl>/demandes/<requestId>}
 * @param from           the sender address of every email (the Caf's name is its display name, the
 *                       Caf's address its Reply-To); its domain also names the Message-IDs
 * @param retry          the back-off between delivery attempts and the retry budget
 * @param sender         how the sender batches, holds and orders pending notifications
 */
@ConfigurationProperties("cdap.notification")
public record NotificationProperties(
        @DefaultValue("http://localhost:8081") String publicBaseUrl,
        @DefaultValue("http://localhost:8082") String agentsBaseUrl,
        @DefaultValue("ne-pas-repondre@caf38.localhost") String from,
        @DefaultValue Retry retry,
        @DefaultValue Sender sender) {

    public NotificationProperties {
        publicBaseUrl = withoutTrailingSlash(publicBaseUrl);
        agentsBaseUrl = withoutTrailingSlash(agentsBaseUrl);
        if (from == null || from.isBlank() || from.indexOf('@') < 1 || from.indexOf('@') == from.length() - 1) {
            throw new IllegalArgumentException("cdap.notification.from must be an email address");
        }
        from = from.trim();
    }

    /** The domain of the sender address, used on the right of each Message-ID. */
    public String messageIdDomain() {
        return from.substring(from.lastIndexOf('@') + 1);
    }

    private static String withoutTrailingSlash(String url) {
        String trimmed = url == null ? "" : url.trim();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed;
    }

    /**
     * Exponential back-off after a failed attempt: {@code initialDelay × multiplier^(attempts-1)},
     * at most {@code maxDelay}; after {@code maxAttempts} failed attempts the notification is FAILED.
     */
    public record Retry(
            @DefaultValue("30s") Duration initialDelay,
            @DefaultValue("2.0") double multiplier,
            @DefaultValue("1h") Duration maxDelay,
            @DefaultValue("10") int maxAttempts) {

        public Retry {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("cdap.notification.retry.max-attempts must be at least 1");
            }
            if (multiplier < 1.0) {
                throw new IllegalArgumentException("cdap.notification.retry.multiplier must be at least 1");
            }
        }

        /** The wait before the next attempt, after {@code failedAttempts} (≥ 1) failed ones. */
        public Duration delayAfter(int failedAttempts) {
            double factor = Math.pow(multiplier, Math.max(0, failedAttempts - 1));
            double millis = initialDelay.toMillis() * factor;
            if (Double.isInfinite(millis) || millis >= maxDelay.toMillis()) {
                return maxDelay;
            }
            return Duration.ofMillis(Math.round(millis));
        }

        /** Whether a notification that has failed {@code failedAttempts} times has used up its budget. */
        public boolean exhausted(int failedAttempts) {
            return failedAttempts >= maxAttempts;
        }
    }

    /**
     * @param pollInterval  how often the sender looks at its in-memory queue for what is due (new
     *                      emails wake it at once); also how long a notification held back by the
     *                      ordering rule waits before it is looked at again
     * @param batchSize     notifications sent over one SMTP connection per run
     * @param lease         how long an instance's hold on a notification (its pending entry) lasts
     *                      without renewal; a live sender renews it while the email waits, a sender
     *                      that died loses it after that, and another instance's recovery sweep sends
     *                      the email. A batch is taken with at least half a lease left, so half a lease
     *                      must exceed the time to send one (batch size × SMTP timeouts)
     * @param orderMaxWait  how long a partner email waits for an earlier one that was never stored
     *                      (e.g. its event went to the dead-letter topic) before it goes anyway
     * @param sweepInterval how often the recovery sweep looks for emails whose hold lapsed (at most
     *                      every minute in production; shorter in tests that kill instances)
     * @param connectionIdle how long the SMTP connection stays open without use: while emails keep
     *                      coming, every batch goes over the same connection
     */
    public record Sender(
            @DefaultValue("5s") Duration pollInterval,
            @DefaultValue("50") int batchSize,
            @DefaultValue("10m") Duration lease,
            @DefaultValue("1h") Duration orderMaxWait,
            @DefaultValue("1m") Duration sweepInterval,
            @DefaultValue("10s") Duration connectionIdle) {

        public Sender {
            if (batchSize < 1) {
                throw new IllegalArgumentException("cdap.notification.sender.batch-size must be at least 1");
            }
        }
    }
}
