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
 * @param interval      how often the relay runs besides being woken after a write
 * @param sweepInterval how often it scans the collections for pending events it was not told about
 *                      (another instance's, a crash's, a failed publication's); a write names its
 *                      document, which the relay publishes through its _id without a scan
 * @param batchSize     documents claimed per run
 * @param lease         how long a claim holds a document; a relay that died loses it after that
 * @param retryDelay    wait before retrying a document whose publication failed
 * @param sendTimeout   how long a run waits for the broker's acknowledgements
 * @param producer      extra Kafka producer properties
 */
@ConfigurationProperties("cdap.outbox")
public record OutboxProperties(
        List<String> collections,
        String brokers,
        @DefaultValue("1s") Duration interval,
        @DefaultValue("5s") Duration sweepInterval,
        @DefaultValue("500") int batchSize,
        @DefaultValue("60s") Duration lease,
        @DefaultValue("2s") Duration retryDelay,
        @DefaultValue("20s") Duration sendTimeout,
        Map<String, String> producer) {

    public OutboxProperties {
        collections = collections == null ? List.of() : List.copyOf(collections);
        producer = producer == null ? Map.of() : Map.copyOf(producer);
    }
}
