package fr.caf38.cdap.messaging.outbox;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Settings of the outbox relay ({@code cdap.outbox.*}).
 *
 * @param collections   the collections whose documents carry an outbox
 * @param brokers       Kafka bootstrap servers; when unset, the binder's ({@code spring.cloud.stream.kafka.binder.brokers})
 * @param interval      how often the relay looks for work besides being woken by a write
 * @param sweepInterval how often the recovery sweep reads the pending entries for events no live
 *                      instance holds in memory (another instance's after its death, a crash's); writers
 *                      hand their events over in memory, so nothing waits for a sweep in normal running
 * @param batchSize     events sent to Kafka per batch, and pending entries claimed per sweep step
 * @param lease         how long a writer, or a sweep that claimed them, holds its pending entries before
 *                      another instance's sweep may take them
 * @param retryDelay    wait before retrying a publication that failed
 * @param sendTimeout   how long a run waits for the broker's acknowledgements
 * @param maxInMemory   events waiting in memory at most (a long broker outage); beyond, the sweep finds them
 * @param producer      extra Kafka producer properties
 */
@ConfigurationProperties("cdap.outbox")
public record OutboxProperties(
        List<String> collections,
        String brokers,
        @DefaultValue("1s") Duration interval,
        @DefaultValue("60s") Duration sweepInterval,
        @DefaultValue("500") int batchSize,
        @DefaultValue("60s") Duration lease,
        @DefaultValue("2s") Duration retryDelay,
        @DefaultValue("20s") Duration sendTimeout,
        @DefaultValue("50000") int maxInMemory,
        Map<String, String> producer) {

    public OutboxProperties {
        collections = collections == null ? List.of() : List.copyOf(collections);
        producer = producer == null ? Map.of() : Map.copyOf(producer);
    }
}
