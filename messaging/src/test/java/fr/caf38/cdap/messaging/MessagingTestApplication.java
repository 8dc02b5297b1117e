package fr.caf38.cdap.messaging;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A bare application for the module's integration tests. */
@SpringBootApplication
public class MessagingTestApplication {
}
