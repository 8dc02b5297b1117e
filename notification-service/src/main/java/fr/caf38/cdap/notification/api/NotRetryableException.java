package fr.caf38.cdap.notification.api;

import fr.caf38.cdap.notification.store.NotificationStatus;

/** Only a FAILED notification can be retried. */
class NotRetryableException extends RuntimeException {
    private final NotificationStatus status;

    NotRetryableException(NotificationStatus status) {
        super("notification is " + status);
        this.status = status;
    }

    NotificationStatus status() {
        return status;
    }
}
