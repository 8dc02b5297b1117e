package fr.caf38.cdap.intake;

import fr.caf38.cdap.intake.pages.DecisionPublisher;
import fr.caf38.cdap.testinfra.WithInfrastructure;
import fr.caf38.cdap.testinfra.store.StoreCommandGuardConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The one Spring configuration of the module's integration tests, on the shared embedded broker and
 * store, so every test class shares one context (and one member of consumer group {@code intake}).
 * The server listens on a random port for the browser tests; the other tests use MockMvc. The store
 * client records its commands on demand ({@code StoreCommandRecorder}), for the key-access guard; a
 * {@code DecisionPublisher} plays eligibility and notification for the pages' tests.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@WithInfrastructure
@Import({StoreCommandGuardConfiguration.class, DecisionPublisher.class})
public @interface IntakeIntegrationTest {
}
