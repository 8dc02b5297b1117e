package fr.caf38.cdap.notification.inbound;

import fr.caf38.cdap.events.Event;
import fr.caf38.cdap.messaging.tracing.EventTraces;
import java.util.UUID;
import fr.caf38.cdap.events.EligibilityDecided;
import fr.caf38.cdap.events.RequestRevision;
import fr.caf38.cdap.messaging.consumer.BatchConsumer.Received;
import fr.caf38.cdap.messaging.consumer.BatchConsumer.Refused;
import fr.caf38.cdap.notification.delivery.NotificationSender;
import fr.caf38.cdap.notification.store.Notification;
import fr.caf38.cdap.notification.store.NotificationStore;
import fr.caf38.cdap.notification.store.NotificationStore.Holder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Stores the notifications a batch of events calls for, held by this instance, then hands them to
 * the sender in memory, together: one insert of the notifications of the whole batch, one of their
 * pending entries. Each has a derived _id: a redelivered event (in a later batch, or the same one)
 * adds nothing (one still PENDING that nobody holds, after a crash between the two inserts, is held
 * and sent here), and an event whose handling was interrupted gets the missing one on redelivery.
 * The order in which the emails go out is the sender's business (the ordering rule), not the batch's.
 */
@Component
public class NotificationIntake {
    private static final Logger log = LoggerFactory.getLogger(NotificationIntake.class);

    private final NotificationPlanner planner;
    private final NotificationStore store;
    private final NotificationSender sender;
    private final EventTraces traces;

    public NotificationIntake(NotificationPlanner planner, NotificationStore store, NotificationSender sender) {
        this(planner, store, sender, EventTraces.NONE);
    }

    /** @param traces each email keeps the trace of the record that caused it, for its sending span */
    @Autowired
    public NotificationIntake(NotificationPlanner planner, NotificationStore store, NotificationSender sender,
                              EventTraces traces) {
        this.traces = traces;
        this.planner = planner;
        this.store = store;
        this.sender = sender;
    }

    /** A batch of submitted and amended requests; returns the events refused (for the dead letters). */
    public List<Refused> acceptSubmitted(List<Received<RequestRevision>> events) {
        return acceptAll(events, planner::plan);
    }

    /** A batch of decisions; returns the events refused (for the dead letters). */
    public List<Refused> acceptDecided(List<Received<EligibilityDecided>> events) {
        return acceptAll(events, planner::plan);
    }

    /**
     * Plans every event in memory, then stores the batch. Planning is pure (templates, the Caf
     * directory): an event it refuses (a Caf not configured here) will not do better on a retry, so it
     * goes to the dead letters alone. A store failure is thrown: the whole batch comes again.
     */
    private <E> List<Refused> acceptAll(List<Received<E>> events, Function<E, List<Notification>> plan) {
        List<Refused> refused = new ArrayList<>();
        // By _id, first planned first: an event twice in one batch stores what its first delivery would.
        Map<String, Notification> planned = new LinkedHashMap<>();
        for (Received<E> received : events) {
            List<Notification> notifications;
            try {
                String cause = received.event() instanceof Event event ? traces.traceparentFor(event) : null;
                notifications = plan.apply(received.event()).stream()
                        .map(notification -> notification.tracedBy(cause)).toList();
            } catch (RuntimeException e) {
                refused.add(new Refused(received.delivery(), e));
                continue;
            }
            notifications.forEach(notification -> planned.putIfAbsent(notification.id(), notification));
        }
        store(List.copyOf(planned.values()));
        return refused;
    }

    private void store(List<Notification> notifications) {
        if (notifications.isEmpty()) {
            return;
        }
        Holder holder = sender.holder();
        List<Notification> held = store.insertAndHold(notifications, holder);
        for (Notification notification : held) {
            try (var ignored = traces.inScopeOf(UUID.fromString(notification.requestId()))) {
                log.info("Notification {} ({}) stored for request {}", notification.id(), notification.kind(),
                        notification.reference());
            }
        }
        if (held.size() < notifications.size()) {
            log.debug("{} notification(s) of the batch already stored", notifications.size() - held.size());
        }
        sender.submit(held, holder);
    }
}
