package fr.caf38.cdap.eligibility;

import fr.caf38.cdap.testinfra.web.ActuatorAccessContract;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** The actuator, closed, as on every service (the tests are {@link ActuatorAccessContract}'s). */
class ActuatorAccessIntegrationTest extends IntegrationTest implements ActuatorAccessContract {
    @Autowired
    MockMvc mvc;

    @Override
    public MockMvc mvc() {
        return mvc;
    }
}
