package fr.caf38.cdap.notification.api;

import fr.caf38.cdap.events.value.NotificationKind;
import fr.caf38.cdap.notification.store.Notification;
import fr.caf38.cdap.notification.store.NotificationStatus;

import java.time.Instant;

/**
 * An email as agents see it. The contract's fields, plus {@code createdAt} and
 * {@code nextAttemptAt} (when a PENDING one will be tried; null otherwise).
 */
public record NotificationView(
        String id,
        String requestId,
        String reference,
        NotificationKind kind,
        String to,
        String subject,
        NotificationStatus status,
        int attempts,
        String lastError,
        Instant sentAt,
        Instant createdAt,
        Instant nextAttemptAt) {

    static NotificationView of(Notification notification) {
        return new NotificationView(notification.id(), notification.requestId(), notification.reference(),
                notification.kind(), notification.to(), notification.subject(), notification.status(),
                notification.attempts(), notification.lastError(), notification.sentAt(), notification.createdAt(),
                notification.status() == NotificationStatus.PENDING ? notification.nextAttemptAt() : null);
    }
}
