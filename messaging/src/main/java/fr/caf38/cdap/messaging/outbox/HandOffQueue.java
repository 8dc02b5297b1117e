package fr.caf38.cdap.messaging.outbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The events this instance's writers handed over in memory, oldest first, until Kafka acknowledges
 * them. An event stays "held" from its hand-off to its acknowledgement, failed attempts included, so
 * the recovery sweep leaves it to this path. Bounded: beyond {@code maxInMemory} events (a long
 * broker outage) new ones are refused and left to the sweep, which finds them by their pending entries.
 */
final class HandOffQueue {
    private final int maxInMemory;
    private final ConcurrentLinkedDeque<HandedEvent> queue = new ConcurrentLinkedDeque<>();
    /** The event ids queued or being published. */
    private final Set<String> held = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicLong> heldPerCollection = new ConcurrentHashMap<>();

    HandOffQueue(int maxInMemory) {
        this.maxInMemory = maxInMemory;
    }

    /** Queues these events of one document; false (nothing queued) when memory is full. */
    boolean offer(String collection, Object documentId, List<OutboxMessage> messages) {
        if (held.size() + messages.size() > maxInMemory) {
            return false;
        }
        long now = System.nanoTime();
        for (OutboxMessage message : messages) {
            if (held.add(message.eventId())) {
                queue.add(new HandedEvent(collection, documentId, message, now));
                counter(collection).incrementAndGet();
            }
        }
        return true;
    }

    /** The oldest queued events, at most {@code limit}; they stay held until {@link #acknowledged}. */
    List<HandedEvent> take(int limit) {
        List<HandedEvent> batch = new ArrayList<>();
        HandedEvent next;
        while (batch.size() < limit && (next = queue.poll()) != null) {
            batch.add(next);
        }
        return batch;
    }

    /** Puts back at the head, in their order, events whose publication failed. */
    void putBack(List<HandedEvent> failed) {
        for (int i = failed.size() - 1; i >= 0; i--) {
            queue.addFirst(failed.get(i));
        }
    }

    /** Lets go of events Kafka acknowledged (whether they came from this queue or from a sweep). */
    void acknowledged(List<HandedEvent> events) {
        for (HandedEvent event : events) {
            if (held.remove(event.eventId())) {
                counter(event.collection()).decrementAndGet();
            }
        }
    }

    boolean holds(String eventId) {
        return held.contains(eventId);
    }

    boolean holdsAny(Collection<String> eventIds) {
        return eventIds.stream().anyMatch(held::contains);
    }

    /** Events of one collection held. */
    long held(String collection) {
        return counter(collection).get();
    }

    /** Age of the oldest queued event of one collection, zero when none waits. */
    Duration oldestAge(String collection) {
        for (HandedEvent event : queue) {
            if (event.collection().equals(collection)) {
                return Duration.ofNanos(Math.max(0, System.nanoTime() - event.handedAt()));
            }
        }
        return Duration.ZERO;
    }

    private AtomicLong counter(String collection) {
        return heldPerCollection.computeIfAbsent(collection, c -> new AtomicLong());
    }
}
