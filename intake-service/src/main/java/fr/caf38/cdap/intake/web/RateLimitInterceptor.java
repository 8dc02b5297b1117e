package fr.caf38.cdap.intake.web;

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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A token bucket per client address on submissions: past it, {@code 429} with {@code Retry-After},
 * before the body is even read. The address is the connection's, or the one a trusted proxy forwards
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
        if (!settings.enabled() || !"POST".equals(request.getMethod())) {
            return true;
        }
        ConsumptionProbe probe = buckets.computeIfAbsent(request.getRemoteAddr(), address -> newBucket())
                .tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return true;
        }
        long retryAfter = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill() + 999_999_999L));
        metrics.rejected(ProblemCode.TOO_MANY_REQUESTS.name());
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
        throw new ApiProblem(ProblemCode.TOO_MANY_REQUESTS, ProblemCode.TOO_MANY_REQUESTS.detail(retryAfter), null,
                headers);
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
