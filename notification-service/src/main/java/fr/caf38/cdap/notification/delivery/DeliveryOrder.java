package fr.caf38.cdap.notification.delivery;

import fr.caf38.cdap.notification.store.Notification;
import fr.caf38.cdap.notification.store.NotificationStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The ordering rule of a partner's emails about one request: the acknowledgement (sequence 0)
 * first, then each decision by its decision number. A partner email may go only once every earlier
 * one (sequences 0 to its own minus one) is settled, SENT or FAILED:
 * <ul>
 *   <li>an earlier one still PENDING holds it back (a decision never overtakes the acknowledgement);</li>
 *   <li>an earlier one not stored yet (its event has not arrived) holds it back too, at most
 *       {@code orderMaxWait} after it was stored, so an event lost to the dead-letter topic does not
 *       silence the partner for ever;</li>
 *   <li>an earlier one that FAILED does not: the partner still hears of the decision, and an agent
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
     * @param candidates notifications due now
     * @param partnerNotifications every partner notification of the candidates' requests
     */
    static Split split(List<Notification> candidates, List<Notification> partnerNotifications, Instant now,
                       Duration orderMaxWait) {
        List<Notification> ready = new ArrayList<>();
        List<Notification> waiting = new ArrayList<>();
        for (Notification candidate : candidates) {
            if (mayGo(candidate, partnerNotifications, now, orderMaxWait)) {
                ready.add(candidate);
            } else {
                waiting.add(candidate);
            }
        }
        return new Split(ready, waiting);
    }

    static boolean mayGo(Notification candidate, List<Notification> partnerNotifications, Instant now,
                         Duration orderMaxWait) {
        Integer sequence = candidate.sequence();
        if (!candidate.forPartner() || sequence == null || sequence <= 0) {
            return true;
        }
        List<Notification> earlier = partnerNotifications.stream()
                .filter(other -> Objects.equals(other.requestId(), candidate.requestId()))
                .filter(other -> other.sequence() != null && other.sequence() >= 0 && other.sequence() < sequence)
                .toList();
        if (earlier.stream().anyMatch(other -> other.status() == NotificationStatus.PENDING)) {
            return false;
        }
        long present = earlier.stream().map(Notification::sequence).distinct().count();
        boolean allPresent = present >= sequence;
        boolean waitedEnough = candidate.createdAt() != null && !candidate.createdAt().plus(orderMaxWait).isAfter(now);
        return allPresent || waitedEnough;
    }
}
