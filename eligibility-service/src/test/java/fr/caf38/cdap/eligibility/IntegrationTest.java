package fr.caf38.cdap.eligibility;

import fr.caf38.cdap.testinfra.WithInfrastructure;
import fr.caf38.cdap.testinfra.store.StoreCommandGuardConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;

/**
 * The one Spring context of this module's integration tests, on the shared embedded broker and
 * store: every integration test class extends this and adds no configuration of its own, so one
 * context (and one member of consumer group {@code eligibility}) serves them all. The store-command
 * recorder is part of it (it records only between its start and stop) for the key-access guard test.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@WithInfrastructure
@Import(StoreCommandGuardConfiguration.class)
public abstract class IntegrationTest {
}
