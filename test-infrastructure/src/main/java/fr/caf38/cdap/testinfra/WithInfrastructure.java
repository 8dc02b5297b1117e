package fr.caf38.cdap.testinfra;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Gives an integration test real infrastructure: a Kafka broker (KRaft), a MongoDB-wire store and
 * an SMTP+IMAP server, each started once per JVM on a free port and shared by every test class.
 * On a Spring test, the properties that point the application at them are set
 * ({@link InfrastructureContextCustomizerFactory}); a test can also take {@link TestInfrastructure}
 * as a parameter.
 *
 * <p>Embedded by default; {@code -Dinfra=containers} uses Testcontainers' Kafka and MongoDB, and the
 * test is skipped, not failed, where no Docker engine answers.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(InfrastructureExtension.class)
public @interface WithInfrastructure {
}
