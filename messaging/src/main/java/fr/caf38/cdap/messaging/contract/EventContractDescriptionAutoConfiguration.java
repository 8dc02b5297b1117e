package fr.caf38.cdap.messaging.contract;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * Every service serves the event contract's AsyncAPI 3 description at {@code /asyncapi.yaml}
 * (contract.md, "Event contract description"): the one file kept in shared-events beside the event
 * records, describing every topic, key, header and event. Open without credentials (agent-security
 * lists the path among its open endpoints; intake protects nothing of the kind).
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(DispatcherServlet.class)
public class EventContractDescriptionAutoConfiguration {
    @Bean
    EventContractDescription eventContractDescription() {
        return new EventContractDescription();
    }
}
