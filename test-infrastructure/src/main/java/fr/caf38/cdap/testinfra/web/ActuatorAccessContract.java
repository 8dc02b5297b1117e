package fr.caf38.cdap.testinfra.web;

import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.MockMvc;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The actuator's contract, the same on every service: health and its two probes answer anyone with
 * the status only; the details, {@code prometheus}, {@code metrics} and {@code info} need role
 * MONITORING or AGENT ({@code 401} without credentials, {@code 403} for another role, both
 * problem+json). A service's test implements it with its MockMvc; the test configuration must know
 * {@code monitor}/{@code monitor}, {@code agent}/{@code agent} and {@code visitor}/{@code agent} (no role).
 */
public interface ActuatorAccessContract {
    String[] CLOSED = {"/actuator/prometheus", "/actuator/metrics", "/actuator/info", "/actuator/health/mongo",
            "/actuator"};

    MockMvc mvc();

    @Test
    default void healthAndItsProbesAnswerAnyoneWithTheStatusOnly() throws Exception {
        for (String path : new String[] {"/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness"}) {
            mvc().perform(get(path))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.status").value("UP"))
                    .andExpect(jsonPath("$.components").doesNotExist())
                    .andExpect(content().string(not(containsString("mongo"))));
        }
    }

    @Test
    default void withoutCredentialsTheRestIs401AsAProblem() throws Exception {
        for (String path : CLOSED) {
            mvc().perform(get(path))
                    .andExpect(status().isUnauthorized())
                    .andExpect(header().exists("WWW-Authenticate"))
                    .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                    .andExpect(jsonPath("$.status").value(401));
        }
    }

    @Test
    default void aUserWithNeitherRoleGets403AsAProblemAndNoDetails() throws Exception {
        for (String path : CLOSED) {
            mvc().perform(get(path).with(httpBasic("visitor", "agent")))
                    .andExpect(status().isForbidden())
                    .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                    .andExpect(jsonPath("$.status").value(403));
        }
        mvc().perform(get("/actuator/health").with(httpBasic("visitor", "agent")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.components").doesNotExist());
    }

    @Test
    default void theMonitoringUserAndAgentsReadTheDetailsAndTheMetrics() throws Exception {
        for (String[] user : new String[][] {{"monitor", "monitor"}, {"agent", "agent"}}) {
            mvc().perform(get("/actuator/health").with(httpBasic(user[0], user[1])))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.components.mongo.status").value("UP"));
            mvc().perform(get("/actuator/health/readiness").with(httpBasic(user[0], user[1])))
                    .andExpect(jsonPath("$.components.mongo.status").value("UP"));
            mvc().perform(get("/actuator/prometheus").with(httpBasic(user[0], user[1])))
                    .andExpect(status().isOk())
                    .andExpect(content().string(containsString("outbox_pending")));
            mvc().perform(get("/actuator/metrics").with(httpBasic(user[0], user[1]))).andExpect(status().isOk());
            mvc().perform(get("/actuator/info").with(httpBasic(user[0], user[1]))).andExpect(status().isOk());
        }
    }

    @Test
    default void aWrongPasswordIs401EvenOnTheOpenHealth() throws Exception {
        mvc().perform(get("/actuator/health").with(httpBasic("monitor", "wrong")))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"));
        // The right one next clears the count.
        mvc().perform(get("/actuator/health").with(httpBasic("monitor", "monitor"))).andExpect(status().isOk());
    }
}
