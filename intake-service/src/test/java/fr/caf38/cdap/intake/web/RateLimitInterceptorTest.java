package fr.caf38.cdap.intake.web;

import fr.caf38.cdap.input.problem.ApiProblem;
import fr.caf38.cdap.intake.IntakeMetrics;
import fr.caf38.cdap.intake.IntakeProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RateLimitInterceptorTest {
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    private static MockHttpServletRequest post(String address) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/access-requests");
        request.setRemoteAddr(address);
        return request;
    }

    @Test
    void eachClientHasItsOwnBucketAndPastItGets429WithADelay() {
        var limit = new RateLimitInterceptor(new IntakeProperties.RateLimit(true, 2, Duration.ofMinutes(1)),
                new IntakeMetrics(meters));
        var response = new MockHttpServletResponse();

        assertThat(limit.preHandle(post("127.0.0.1"), response, new Object())).isTrue();
        assertThat(limit.preHandle(post("127.0.0.1"), response, new Object())).isTrue();
        assertThatThrownBy(() -> limit.preHandle(post("127.0.0.1"), response, new Object()))
                .isInstanceOfSatisfying(ApiProblem.class, problem -> {
                    assertThat(problem.kind()).isEqualTo(IntakeProblem.TOO_MANY_REQUESTS);
                    long retryAfter = Long.parseLong(problem.headers().getFirst("Retry-After"));
                    assertThat(retryAfter).isBetween(1L, 60L);
                });
        assertThat(limit.preHandle(post("127.0.0.2"), response, new Object())).isTrue();
        assertThat(meters.counter("intake.requests.rejected", "code", "TOO_MANY_REQUESTS").count()).isEqualTo(1);
    }

    @Test
    void readingIsNotLimitedAndTheLimitCanBeTurnedOff() {
        var off = new RateLimitInterceptor(new IntakeProperties.RateLimit(false, 1, Duration.ofMinutes(1)),
                new IntakeMetrics(meters));
        for (int i = 0; i < 5; i++) {
            assertThat(off.preHandle(post("127.0.0.1"), new MockHttpServletResponse(), new Object())).isTrue();
        }
        var on = new RateLimitInterceptor(new IntakeProperties.RateLimit(true, 1, Duration.ofMinutes(1)),
                new IntakeMetrics(meters));
        for (int i = 0; i < 5; i++) {
            var get = new MockHttpServletRequest("GET", "/api/v1/access-requests/x");
            assertThat(on.preHandle(get, new MockHttpServletResponse(), new Object())).isTrue();
        }
    }

    @Test
    void clientsWhoseBucketIsFullAgainAreForgotten() {
        var limit = new RateLimitInterceptor(new IntakeProperties.RateLimit(true, 3, Duration.ofMinutes(1)),
                new IntakeMetrics(meters));
        limit.preHandle(post("127.0.0.1"), new MockHttpServletResponse(), new Object());
        limit.forgetQuietClients();
        assertThat(limit.trackedClients()).isEqualTo(1);

        var quick = new RateLimitInterceptor(new IntakeProperties.RateLimit(true, 3, Duration.ofNanos(3)),
                new IntakeMetrics(meters));
        quick.preHandle(post("127.0.0.1"), new MockHttpServletResponse(), new Object());
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> {
            quick.forgetQuietClients();
            return quick.trackedClients() == 0;
        });
    }
}
