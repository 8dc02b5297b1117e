package fr.caf38.cdap.testinfra.web;

import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.MockMvc;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Every service serves the AsyncAPI description of the three topics, without credentials. */
public interface EventContractDescriptionContract {

    MockMvc mvc();

    @Test
    default void theEventContractDescriptionIsServedWithoutCredentials() throws Exception {
        mvc().perform(get("/asyncapi.yaml"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("application/yaml"))
                .andExpect(content().string(containsString("asyncapi: 3.0.0")))
                .andExpect(content().string(containsString("address: access-requests.submitted")))
                .andExpect(content().string(containsString("address: access-requests.decided")))
                .andExpect(content().string(containsString("address: notifications.sent")));
    }
}
