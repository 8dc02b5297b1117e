package fr.caf38.cdap.notification;

import fr.caf38.cdap.testinfra.WithInfrastructure;
import fr.caf38.cdap.testinfra.store.StoreCommandGuardConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The one Spring test configuration of the module, against the shared broker, store and mail
 * server: every integration test class uses it, so they share one context (two live contexts would
 * split the consumer group's partitions between them). The store command recorder is part of it
 * for the same reason: it records only while a test asks it to. The server listens on a random port
 * for the tests that speak raw HTTP to the container.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@WithInfrastructure
@Import(StoreCommandGuardConfiguration.class)
public @interface NotificationIntegrationTest {
}
