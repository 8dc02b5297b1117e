package fr.caf38.cdap.events;

/** Topic names of the public contract. Dead-letter topics are per consumer group (see README). */
public final class Topics {
    public static final String REQUESTS_SUBMITTED = "access-requests.submitted";
    public static final String REQUESTS_DECIDED = "access-requests.decided";
    public static final String NOTIFICATIONS_SENT = "notifications.sent";

    private Topics() {
    }

    /** The dead-letter topic of one consumer group reading one topic, e.g. {@code access-requests.submitted.eligibility.dlq}. */
    public static String deadLetter(String topic, String group) {
        return topic + "." + group + ".dlq";
    }
}
