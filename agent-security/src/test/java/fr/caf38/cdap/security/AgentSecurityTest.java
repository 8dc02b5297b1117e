package fr.caf38.cdap.security;

import org.junit.jupiter.api.Test;

import java.util.List;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.security.core.Authentication;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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
        "cdap.security.agents[1].roles=VISITOR"})
@AutoConfigureMockMvc
class AgentSecurityTest {

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
        mvc.perform(get("/api/v1/whoami").with(httpBasic("agent", "wrong"))).andExpect(status().isUnauthorized());
    }

    @Test
    void withoutTheAgentRoleTheApiAnswers403() throws Exception {
        mvc.perform(get("/api/v1/whoami").with(httpBasic("visitor", "agent")))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.status").value(403));
    }

    @Test
    void anAgentIsLetInUnderItsDisplayName() throws Exception {
        mvc.perform(get("/api/v1/whoami").with(httpBasic("agent", "agent")))
                .andExpect(status().isOk())
                .andExpect(content().string("Agent Exemple"));
    }

    @Test
    void healthStaysOpen() throws Exception {
        mvc.perform(get("/actuator/health")).andExpect(status().is(org.hamcrest.Matchers.not(401)));
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
