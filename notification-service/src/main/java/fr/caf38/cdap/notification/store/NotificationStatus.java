package fr.caf38.cdap.notification.store;

/** Where an email stands: waiting to be (re)tried, accepted by the mail server, or given up on. */
public enum NotificationStatus {
    PENDING, SENT, FAILED
}
