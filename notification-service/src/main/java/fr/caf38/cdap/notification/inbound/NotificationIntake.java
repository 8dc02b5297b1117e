package fr.caf38.cdap.notification.inbound;

import fr.caf38.cdap.events.EligibilityDecided;
import fr.caf38.cdap.events.RequestSubmitted;
import fr.caf38.cdap.notification.delivery.NotificationSender;
import fr.caf38.cdap.notification.store.Notification;
import fr.caf38.cdap.notification.store.NotificationStore;
import fr.caf38.cdap.notification.store.NotificationStore.Holder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Stores the notifications an event calls for, held by this instance, then hands them to the
 * sender in memory. Each has a derived _id: a redelivered event is refused by it and adds nothing
 * (one still PENDING that nobody holds, after a crash between the two inserts, is held and sent
 * here), and an event whose handling was interrupted gets the missing one on redelivery.
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
        Holder holder = sender.holder();
        List<Notification> held = store.insertAndHold(notifications, holder);
        for (Notification notification : held) {
            log.info("Notification {} ({}) stored for request {}", notification.id(), notification.kind(),
                    notification.reference());
        }
        if (held.size() < notifications.size()) {
            log.debug("{} notification(s) of event {} already stored", notifications.size() - held.size(),
                    notifications.get(0).sourceEventId());
        }
        sender.submit(held, holder);
    }
}
