package fr.caf38.cdap.security;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.security.core.Authentication;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@SpringBootTest(classes = AgentSecurityTest.App.class, properties = {
        // "agent" and "visitor", hashed: the configuration never holds a clear password.
        "cdap.security.agents[0].username=agent",
        "cdap.security.agents[0].password={bcrypt}$2a$10$MOSVIKZPROmrBmzqQ9DONeRshuz8TlxsKLoj1BJ8sTvHac9R9JKQu",
        "cdap.security.agents[0].display-name=Agent Exemple",
        "cdap.security.agents[1].username=visitor",
        "cdap.security.agents[1].password={bcrypt}$2a$10$MOSVIKZPROmrBmzqQ9DONeRshuz8TlxsKLoj1BJ8sTvHac9R9JKQu",
        "cdap.security.agents[1].roles=VISITOR",
        // Users of the counting tests: a cheap check, as these are about counting.
        "cdap.security.agents[2].username=monitor",
        "cdap.security.agents[2].password={noop}monitor",
        "cdap.security.agents[2].roles=MONITORING",
        "cdap.security.agents[3].username=agent2",
        "cdap.security.agents[3].password={noop}agent2",
        "management.endpoints.web.exposure.include=health,info,metrics",
        "management.endpoint.health.show-details=when-authorized",
        "management.endpoint.health.roles=MONITORING,AGENT",
        "management.endpoint.health.probes.enabled=true",
        // The embedded store does not answer Boot's "hello"; the services have their own ping indicator.
        "management.health.mongodb.enabled=false"})
@AutoConfigureMockMvc
class AgentSecurityTest {
    private static final MongoServer store = new MongoServer(new MemoryBackend());
    private static final int storePort = store.bind().getPort();

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", () -> "mongodb://127.0.0.1:" + storePort);
        registry.add("spring.mongodb.database", () -> "security");
    }

    @AfterAll
    static void stopStore() {
        store.shutdownNow();
    }

    @Autowired
    MockMvc mvc;

    @Test
    void withoutCredentialsTheApiAnswers401AsAProblem() throws Exception {
        mvc.perform(get("/api/v1/whoami"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().exists("WWW-Authenticate"))
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.status").value(401));
    }

    @Test
    void aWrongPasswordIs401() throws Exception {
        mvc.perform(get("/api/v1/whoami").with(httpBasic("agent", "wrong")).with(from("203.0.113.1")))
                .andExpect(status().isUnauthorized());
    }

    @Test
    void withoutTheAgentRoleTheApiAnswers403() throws Exception {
        mvc.perform(get("/api/v1/whoami").with(httpBasic("visitor", "agent")))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.status").value(403));
        mvc.perform(get("/api/v1/whoami").with(httpBasic("monitor", "monitor")))
                .andExpect(status().isForbidden());
    }

    @Test
    void anAgentIsLetInUnderItsDisplayName() throws Exception {
        mvc.perform(get("/api/v1/whoami").with(httpBasic("agent", "agent")))
                .andExpect(status().isOk())
                .andExpect(content().string("Agent Exemple"));
    }

    @Test
    void aLockedNameIsRefusedWith429AndRetryAfterEvenWithTheRightPassword() throws Exception {
        for (int i = 0; i < 5; i++) {
            mvc.perform(get("/api/v1/whoami").with(httpBasic("agent2", "wrong")).with(from("203.0.113.5")))
                    .andExpect(status().isUnauthorized());
        }
        mvc.perform(get("/api/v1/whoami").with(httpBasic("agent2", "agent2")).with(from("203.0.113.6")))
                .andExpect(status().isTooManyRequests())
                .andExpect(header().string("Retry-After", "900"))
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.status").value(429))
                .andExpect(jsonPath("$.detail").value(containsString("réessayez dans 15 minutes")));
        // The actuator is throttled the same way: it is the same sign-in.
        mvc.perform(get("/actuator/metrics").with(httpBasic("agent2", "agent2")))
                .andExpect(status().isTooManyRequests());
    }

    @Test
    void healthAndItsProbesAnswerAnyoneWithTheStatusOnly() throws Exception {
        for (String path : new String[] {"/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness"}) {
            mvc.perform(get(path))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.status").exists())
                    .andExpect(jsonPath("$.components").doesNotExist());
        }
        mvc.perform(get("/actuator/health").with(httpBasic("visitor", "agent")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.components").doesNotExist());
    }

    @Test
    void healthDetailsNeedTheMonitoringOrTheAgentRole() throws Exception {
        mvc.perform(get("/actuator/health").with(httpBasic("monitor", "monitor")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.components.diskSpace").exists());
        mvc.perform(get("/actuator/health").with(httpBasic("agent", "agent")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.components.diskSpace").exists());
    }

    @Test
    void metricsInfoAndHealthComponentsAre401WithoutCredentialsAnd403WithoutTheRole() throws Exception {
        for (String path : new String[] {"/actuator/metrics", "/actuator/info", "/actuator/health/diskSpace",
                "/actuator"}) {
            mvc.perform(get(path))
                    .andExpect(status().isUnauthorized())
                    .andExpect(content().contentTypeCompatibleWith("application/problem+json"));
            mvc.perform(get(path).with(httpBasic("visitor", "agent")))
                    .andExpect(status().isForbidden())
                    .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                    .andExpect(jsonPath("$.detail").value(containsString("supervision")));
        }
        mvc.perform(get("/actuator/metrics").with(httpBasic("monitor", "monitor"))).andExpect(status().isOk());
        mvc.perform(get("/actuator/info").with(httpBasic("monitor", "monitor"))).andExpect(status().isOk());
        mvc.perform(get("/actuator/metrics").with(httpBasic("agent", "agent"))).andExpect(status().isOk());
    }

    @Test
    void whatTheFirewallRefusesIsA400ProblemOnTheApiAndTheActuator() throws Exception {
        for (String path : new String[] {"/api/v1/whoami/%2e%2e/x", "/actuator/health/%2e%2e/x"}) {
            mvc.perform(get(java.net.URI.create(path)))
                    .andExpect(status().isBadRequest())
                    .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                    .andExpect(jsonPath("$.status").value(400))
                    .andExpect(jsonPath("$.detail").value(containsString("Requête refusée")));
        }
    }

    @Test
    void theServiceRefusesToStartWithNoAgentAndNoIssuerOutsideTheLocalProfile() {
        var none = new AgentSecurityProperties(List.of(), null);
        assertThatThrownBy(() -> new AgentSecurityAutoConfiguration().agentUsers(none, new MockEnvironment()))
                .hasMessageContaining("No agent can sign in");
    }

    @Test
    void theLocalProfileMayStartWithoutAgents() {
        var none = new AgentSecurityProperties(List.of(), null);
        var local = new MockEnvironment();
        local.setActiveProfiles("local");
        assertThat(new AgentSecurityAutoConfiguration().agentUsers(none, local)).isNotNull();
    }

    @Test
    void aHashWithoutItsEncoderIsReadAsPbkdf2AsComposeDefaultsHoldIt() {
        var encoder = new AgentSecurityAutoConfiguration().passwordEncoder();
        String compose = "fdbb036e3fadf5b431badf6ecc71f2aa4f2aff529a79c6db915163d6e450a52ec80efc9b832c789d1a2784a4fdaac1a3";
        assertThat(encoder.matches("agent", compose)).isTrue();
        assertThat(encoder.matches("autre", compose)).isFalse();
        assertThat(encoder.matches("agent", "{bcrypt}$2a$10$MOSVIKZPROmrBmzqQ9DONeRshuz8TlxsKLoj1BJ8sTvHac9R9JKQu"))
                .isTrue();
    }

    private static RequestPostProcessor from(String address) {
        return request -> {
            request.setRemoteAddr(address);
            return request;
        };
    }

    @SpringBootApplication
    @RestController
    static class App {
        @Autowired
        AgentNames names;

        @GetMapping("/api/v1/whoami")
        String whoami(Authentication authentication) {
            return names.of(authentication);
        }
    }
}
