package fr.caf38.cdap.events.value;

/** The kinds of email; the names are used in events, the API and the timeline. */
public enum NotificationKind {
    ACKNOWLEDGEMENT, UNDER_REVIEW, APPROVED, REJECTED, REDIRECTED_TO_CAFPRO, CHANGES_REQUESTED,
    AMENDMENT_ACKNOWLEDGEMENT, AGENT_REVIEW_NOTICE
}
