package fr.caf38.cdap.messaging.outbox;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One batch's way to Kafka and back, for the hand-off path and the sweep alike: sent, acknowledged
 * in the store, let go of in memory; what failed is counted and returned, oldest first.
 */
final class Publication {
    private final KafkaBatchSender sender;
    private final Acknowledgements acknowledgements;
    private final HandOffQueue queue;
    private final OutboxMeters meters;

    Publication(KafkaBatchSender sender, Acknowledgements acknowledgements, HandOffQueue queue, OutboxMeters meters) {
        this.sender = sender;
        this.acknowledgements = acknowledgements;
        this.queue = queue;
        this.meters = meters;
    }

    List<HandedEvent> publish(List<HandedEvent> batch) {
        KafkaBatchSender.Sent sent = sender.send(batch);
        if (!sent.acknowledged().isEmpty()) {
            acknowledgements.record(sent.acknowledged());
            queue.acknowledged(sent.acknowledged());
        }
        Map<String, Long> failedPerCollection = sent.failed().stream()
                .collect(Collectors.groupingBy(HandedEvent::collection, Collectors.counting()));
        failedPerCollection.forEach((collection, events) -> meters.failed(collection, events.intValue()));
        return sent.failed();
    }
}
