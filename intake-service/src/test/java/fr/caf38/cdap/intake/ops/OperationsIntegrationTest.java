package fr.caf38.cdap.intake.ops;

import fr.caf38.cdap.testinfra.web.EventContractDescriptionContract;
import fr.caf38.cdap.intake.IntakeIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Health, metrics and the API description, as the monitoring user and partners' developers see them. */
@IntakeIntegrationTest
class OperationsIntegrationTest implements EventContractDescriptionContract {
    @Autowired
    MockMvc mvc;

    @Override
    public MockMvc mvc() {
        return mvc;
    }

    @Test
    void readinessAndLivenessAreUp() throws Exception {
        // Kafka is not part of readiness: intake keeps accepting (and storing) while it is down.
        mvc.perform(get("/actuator/health/readiness").with(httpBasic("monitor", "monitor"))).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("UP"))
                .andExpect(jsonPath("$.components.mongo.status").value("UP"))
                .andExpect(jsonPath("$.components.readinessState.status").value("UP"))
                .andExpect(jsonPath("$.components.binders").doesNotExist());
        mvc.perform(get("/actuator/health/liveness")).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("UP"));
    }

    @Test
    void healthShowsEveryDependencyIncludingThePublicationBacklog() throws Exception {
        mvc.perform(get("/actuator/health").with(httpBasic("monitor", "monitor")))
                .andExpect(jsonPath("$.components.mongo.status").value("UP"))
                .andExpect(jsonPath("$.components.binders.status").exists())
                .andExpect(jsonPath("$.components.outbox.status").value("UP"))
                .andExpect(jsonPath("$.components.outbox.details.requests.pending").isNumber())
                .andExpect(jsonPath("$.components.outbox.details.requests.oldestPendingAgeSeconds").isNumber());
    }

    @Test
    void prometheusExposesTheSubmissionCountersAndTheOutboxGauges() throws Exception {
        mvc.perform(get("/actuator/prometheus").with(httpBasic("monitor", "monitor"))).andExpect(status().isOk())
                .andExpect(content().string(containsString("outbox_pending")))
                .andExpect(content().string(containsString("outbox_oldest_pending_age_seconds")));
    }

    @Test
    void theOpenApiDescriptionAndSwaggerUiAreServed() throws Exception {
        mvc.perform(get("/v3/api-docs")).andExpect(status().isOk())
                .andExpect(jsonPath("$.paths['/api/v1/access-requests'].post").exists())
                .andExpect(jsonPath("$.paths['/api/v1/access-requests/{requestId}'].get").exists())
                .andExpect(jsonPath("$.components.schemas.AccessRequestForm").exists());
        mvc.perform(get("/swagger-ui/index.html")).andExpect(status().isOk());
    }
}
