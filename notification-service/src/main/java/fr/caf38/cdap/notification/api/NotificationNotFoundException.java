package fr.caf38.cdap.notification.api;

/** No notification has this id (or the id is not a UUID, which is answered the same way). */
class NotificationNotFoundException extends RuntimeException {
    NotificationNotFoundException() {
        super("notification not found");
    }
}
