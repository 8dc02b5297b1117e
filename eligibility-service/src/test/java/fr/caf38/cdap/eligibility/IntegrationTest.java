package fr.caf38.cdap.eligibility;

import fr.caf38.cdap.testinfra.WithInfrastructure;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;

/**
 * The one Spring context of this module's integration tests, on the shared embedded broker and
 * store: every integration test class extends this and adds no configuration of its own, so one
 * context (and one member of consumer group {@code eligibility}) serves them all.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@WithInfrastructure
public abstract class IntegrationTest {
}
