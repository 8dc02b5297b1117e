package fr.caf38.cdap.intake.web;

import fr.caf38.cdap.input.problem.ApiProblem;
import fr.caf38.cdap.intake.IntakeMetrics;
import fr.caf38.cdap.intake.IntakeProperties;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.web.servlet.HandlerInterceptor;

import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A token bucket per client address on submissions, one allowance for the API and the partner's form
 * together: past it, {@code 429} with {@code Retry-After}, before the body is even read. The address is the connection's, or the one a trusted proxy forwards
 * when {@code server.forward-headers-strategy} says so. Buckets of clients that went quiet (full
 * again) are dropped, so the map does not grow with every address ever seen.
 */
public class RateLimitInterceptor implements HandlerInterceptor {
    private final IntakeProperties.RateLimit settings;
    private final IntakeMetrics metrics;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public RateLimitInterceptor(IntakeProperties.RateLimit settings, IntakeMetrics metrics) {
        this.settings = settings;
        this.metrics = metrics;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!"POST".equals(request.getMethod())) {
            return true;
        }
        OptionalLong retryAfter = consume(request);
        if (retryAfter.isEmpty()) {
            return true;
        }
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter.getAsLong()));
        throw new ApiProblem(IntakeProblem.TOO_MANY_REQUESTS,
                IntakeProblem.TOO_MANY_REQUESTS.detail(retryAfter.getAsLong()), null, headers);
    }

    /**
     * Takes one submission from the client's allowance, for the API (through {@link #preHandle}) and the
     * partner's form alike, so both share one limit per client. Empty when allowed; otherwise the seconds
     * to wait, and the refusal is counted.
     */
    public OptionalLong consume(HttpServletRequest request) {
        if (!settings.enabled()) {
            return OptionalLong.empty();
        }
        ConsumptionProbe probe = buckets.computeIfAbsent(request.getRemoteAddr(), address -> newBucket())
                .tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return OptionalLong.empty();
        }
        metrics.rejected(IntakeProblem.TOO_MANY_REQUESTS.name());
        return OptionalLong.of(Math.max(1,
                TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill() + 999_999_999L)));
    }

    private Bucket newBucket() {
        return Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(settings.capacity())
                        .refillGreedy(settings.capacity(), settings.refillPeriod()).build())
                .build();
    }

    @Scheduled(fixedDelayString = "${cdap.intake.rate-limit.refill-period:1m}")
    void forgetQuietClients() {
        buckets.values().removeIf(bucket -> bucket.getAvailableTokens() >= settings.capacity());
    }

    /** Clients currently tracked. */
    int trackedClients() {
        return buckets.size();
    }
}
