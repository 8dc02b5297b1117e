package fr.caf38.cdap.eligibility;

import fr.caf38.cdap.testinfra.web.EventContractDescriptionContract;
import fr.caf38.cdap.eligibility.decision.DecisionMaker;
import fr.caf38.cdap.events.value.OrganisationType;
import fr.caf38.cdap.events.value.StaffRole;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Health probes, metrics (as the monitoring user) and the OpenAPI description. */
class OperationsIntegrationTest extends IntegrationTest implements EventContractDescriptionContract {
    @Autowired
    MockMvc mvc;

    @Override
    public MockMvc mvc() {
        return mvc;
    }
    @Autowired
    MeterRegistry meters;
    @Autowired
    DecisionMaker decisionMaker;

    @Test
    void readinessCoversTheStoreAndTheBinder() throws Exception {
        mvc.perform(get("/actuator/health/readiness").with(httpBasic("monitor", "monitor")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("UP"))
                .andExpect(jsonPath("$.components.mongo.status").value("UP"))
                .andExpect(jsonPath("$.components.binders.status").value("UP"));
        mvc.perform(get("/actuator/health/liveness")).andExpect(jsonPath("$.status").value("UP"));
    }

    @Test
    void decisionsAndTheReviewQueueAreMeasured() {
        double before = counted("UNDER_REVIEW", "RULES");
        // Submitted an hour ago and still waiting: the oldest age is at least that.
        decisionMaker.decide(Requests.submitted("38", Requests.t1(Sirets.random(), OrganisationType.OTHER,
                StaffRole.SOCIAL_WORKER), Instant.now().minus(Duration.ofHours(1))));

        assertThat(counted("UNDER_REVIEW", "RULES")).isEqualTo(before + 1);
        assertThat(meters.get("eligibility.review.queue.size").gauge().value()).isGreaterThanOrEqualTo(1);
        assertThat(meters.get("eligibility.review.oldest.age").gauge().value()).isGreaterThanOrEqualTo(3600);
    }

    @Test
    void theOpenApiDescriptionListsTheAgentsApi() throws Exception {
        mvc.perform(get("/v3/api-docs"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.paths['/api/v1/decisions'].get").exists())
                .andExpect(jsonPath("$.paths['/api/v1/decisions/{requestId}'].get").exists())
                .andExpect(jsonPath("$.paths['/api/v1/decisions/{requestId}/review'].post").exists())
                .andExpect(jsonPath("$.info.title").value("Cdap – décisions d'éligibilité"));
        mvc.perform(get("/actuator/metrics").with(httpBasic("monitor", "monitor"))).andExpect(status().isOk())
                .andExpect(jsonPath("$.names", hasItem("eligibility.review.queue.size")));
    }


    private double counted(String status, String decidedBy) {
        var counter = meters.find("eligibility.decisions").tag("status", status).tag("decidedBy", decidedBy).counter();
        return counter == null ? 0 : counter.count();
    }
}
