package fr.caf38.cdap.eligibility.decision;

import fr.caf38.cdap.events.RequestRevision;
import fr.caf38.cdap.messaging.consumer.BatchConsumer;
import fr.caf38.cdap.messaging.consumer.BatchConsumer.Received;
import fr.caf38.cdap.messaging.consumer.BatchConsumers;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

import java.util.ArrayList;
import fr.caf38.cdap.events.Finding;
import fr.caf38.cdap.messaging.tracing.EventTraces;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.List;
import java.util.function.Consumer;

/**
 * The binding {@code decide-in-0} on {@code access-requests.submitted} (group {@code eligibility}), in
 * batch mode, reading both revisions of a request's answers ({@code RequestSubmitted} and
 * {@code RequestAmended}, each record's type read from its own eventType): each batch is decided by {@link DecisionMaker#decideAll} with a handful of store commands
 * whatever its size. A record that cannot be read, or that breaks the event contract, goes to
 * {@code access-requests.submitted.eligibility.dlq} (named in application.yml) while the rest of its
 * batch is decided (a stale amendment is skipped and logged, not a dead letter); a batch whose writes fail is delivered again (the error handler every binding
 * names, see messaging's ConsumerDefaults).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EligibilityProperties.class)
class SubmissionConsumer {
    private static final Logger log = LoggerFactory.getLogger(SubmissionConsumer.class);

    @Bean
    Consumer<Message<List<byte[]>>> decide(BatchConsumers consumers, DecisionMaker decisions, EventTraces traces,
            @Value("${spring.cloud.stream.kafka.bindings.decide-in-0.consumer.dlq-name}") String deadLetterTopic) {
        return consumers.of(RequestRevision.class, deadLetterTopic, events -> {
            List<DecisionMaker.Result> results = decisions.decideAll(events.stream().map(Received::event).toList());
            List<BatchConsumer.Refused> refused = new ArrayList<>();
            for (int i = 0; i < results.size(); i++) {
                if (results.get(i) instanceof DecisionMaker.Refused invalid) {
                    refused.add(new BatchConsumer.Refused(events.get(i).delivery(), invalid.reason()));
                } else if (results.get(i) instanceof DecisionMaker.Decided decided) {
                    RequestRevision event = events.get(i).event();
                    // In the span of the request's record: the line carries the partner's trace id.
                    try (var ignored = traces.inScopeOf(event.requestId())) {
                        log.info("Request {} (revision {}) decided by the rules: {} {}", event.reference(),
                                event.revision(), decided.decision().status(),
                                decided.decision().findings().stream().map(Finding::code).toList());
                    }
                }
            }
            return refused;
        });
    }
}
