package fr.caf38.cdap.notification.delivery;

import fr.caf38.cdap.notification.store.Notification;
import fr.caf38.cdap.notification.store.NotificationStatus;
import fr.caf38.cdap.notification.store.NotificationStore.Predecessors;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The ordering rule of a partner's emails about one request: by revision, and within a revision its
 * acknowledgement first, then its decisions by decision number. So ACKNOWLEDGEMENT (revision 1),
 * the decisions of revision 1, the CHANGES_REQUESTED that ends it, AMENDMENT_ACKNOWLEDGEMENT
 * (revision 2), the decisions of revision 2, and so on. Each partner email knows, by key, the one
 * right before it ({@link Predecessors}): the first acknowledgement none; a rules' decision its
 * revision's acknowledgement; an agent's decision the decision before it; an amendment's
 * acknowledgement the previous revision's CHANGES_REQUESTED (through the link that email leaves).
 * A partner email may go once that one is settled, SENT or FAILED; as each one waited for its own,
 * the whole chain goes out in order:
 * <ul>
 *   <li>the one before it still PENDING holds it back (a decision never overtakes its acknowledgement);</li>
 *   <li>the one before it not stored yet (its event has not arrived) holds it back too, at most
 *       {@code orderMaxWait} after it was stored, so an event lost to the dead-letter topic does not
 *       silence the partner for ever;</li>
 *   <li>the one before it FAILED does not: the partner still hears of what came next, and an agent
 *       may retry the failed one (which then arrives late, out of order).</li>
 * </ul>
 * The agents' notice is outside this order.
 */
final class DeliveryOrder {
    private DeliveryOrder() {
    }

    record Split(List<Notification> ready, List<Notification> waiting) {
    }

    /**
     * @param candidates   notifications due now
     * @param predecessors what comes before each of the candidates, and which of those are stored
     */
    static Split split(List<Notification> candidates, Predecessors predecessors, Instant now, Duration orderMaxWait) {
        List<Notification> ready = new ArrayList<>();
        List<Notification> waiting = new ArrayList<>();
        for (Notification candidate : candidates) {
            if (mayGo(candidate, predecessors, now, orderMaxWait)) {
                ready.add(candidate);
            } else {
                waiting.add(candidate);
            }
        }
        return new Split(ready, waiting);
    }

    static boolean mayGo(Notification candidate, Predecessors predecessors, Instant now, Duration orderMaxWait) {
        if (!candidate.forPartner()) {
            return true;
        }
        List<Notification> before = List.of();
        if (!predecessors.unknown().contains(candidate.id())) {
            List<String> follows = predecessors.follows().get(candidate.id());
            if (follows == null || follows.isEmpty()) {
                return true;
            }
            before = follows.stream().map(predecessors.stored()::get).filter(Objects::nonNull)
                    .filter(other -> Objects.equals(other.requestId(), candidate.requestId())).toList();
        }
        if (before.stream().anyMatch(other -> other.status() == NotificationStatus.PENDING)) {
            return false;
        }
        boolean waitedEnough = candidate.createdAt() != null && !candidate.createdAt().plus(orderMaxWait).isAfter(now);
        return !before.isEmpty() || waitedEnough;
    }
}
