package fr.caf38.cdap.intake.ops;

import fr.caf38.cdap.intake.IntakeIntegrationTest;
import fr.caf38.cdap.testinfra.web.ActuatorAccessContract;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The actuator, closed, as on every service (the tests of {@link ActuatorAccessContract}); and on
 * intake, only the actuator: the partners' API and pages stay open.
 */
@IntakeIntegrationTest
class ActuatorAccessIntegrationTest implements ActuatorAccessContract {
    @Autowired
    MockMvc mvc;

    @Override
    public MockMvc mvc() {
        return mvc;
    }

    @Test
    void whatTheFirewallRefusesOnThePartnersApiIsA400Problem() throws Exception {
        mvc.perform(get(java.net.URI.create("/api/v1/access-requests/%2e%2e/x")))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.status").value(400));
    }

    @Test
    void onIntakeOnlyTheActuatorIsProtected() throws Exception {
        // The partner's pages and API answer without credentials, and no session is made for them.
        mvc.perform(get("/"))
                .andExpect(status().isOk())
                .andExpect(header().doesNotExist("WWW-Authenticate"))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.cookie()
                        .doesNotExist("JSESSIONID"));
        mvc.perform(get("/api/v1/access-requests/" + java.util.UUID.randomUUID()).header("X-Tracking-Token", "x"))
                .andExpect(status().is(org.hamcrest.Matchers.not(org.hamcrest.Matchers.anyOf(
                        org.hamcrest.Matchers.is(401), org.hamcrest.Matchers.is(403)))));
    }
}
