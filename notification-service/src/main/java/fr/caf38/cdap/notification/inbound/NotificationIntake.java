package fr.caf38.cdap.notification.inbound;

import fr.caf38.cdap.events.EligibilityDecided;
import fr.caf38.cdap.events.RequestSubmitted;
import fr.caf38.cdap.notification.delivery.NotificationSender;
import fr.caf38.cdap.notification.store.Notification;
import fr.caf38.cdap.notification.store.NotificationStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Stores the notifications an event calls for, then wakes the sender. Each is unique per source
 * event and kind: a redelivered event finds them stored and adds nothing, and an event whose
 * handling was interrupted between two inserts gets the missing one on redelivery.
 */
public class NotificationIntake {
    private static final Logger log = LoggerFactory.getLogger(NotificationIntake.class);

    private final NotificationPlanner planner;
    private final NotificationStore store;
    private final NotificationSender sender;

    public NotificationIntake(NotificationPlanner planner, NotificationStore store, NotificationSender sender) {
        this.planner = planner;
        this.store = store;
        this.sender = sender;
    }

    public void accept(RequestSubmitted event) {
        store(planner.plan(event));
    }

    public void accept(EligibilityDecided event) {
        store(planner.plan(event));
    }

    private void store(List<Notification> notifications) {
        int stored = 0;
        for (Notification notification : notifications) {
            if (store.insert(notification)) {
                stored++;
                log.info("Notification {} ({}) stored for request {}", notification.id(), notification.kind(),
                        notification.reference());
            } else {
                log.debug("Notification {} of event {} already stored", notification.kind(),
                        notification.sourceEventId());
            }
        }
        if (stored > 0) {
            sender.wake();
        }
    }
}
