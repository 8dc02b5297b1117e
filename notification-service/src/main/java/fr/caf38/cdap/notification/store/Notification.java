package fr.caf38.cdap.notification.store;

import fr.caf38.cdap.events.value.NotificationKind;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;

/**
 * One email, stored before it is sent: rendered once (every attempt sends the same subject, bodies
 * and Message-ID). Its _id is derived from what it is about ({@link NotificationIds}), so a
 * redelivered event is refused by the _id and "is the previous email sent?" is a look-up by key.
 * After its insert the document is only changed by updates by _id: it also carries the outbox of
 * its {@code PartnerNotified} event. Who is sending it lives in its pending entry, not here.
 *
 * @param sequence  the place of a partner email among the emails about its request (0 for the
 *                  acknowledgement, the decision number for a decision); null for the agents' notice
 * @param traceparent the W3C trace context of the event that caused this email (null when not traced):
 *                  sending is a span of that trace, and so is the {@code PartnerNotified} it publishes
 */
@Document(Notification.COLLECTION)
public record Notification(
        @Id String id,
        String sourceEventId,
        NotificationKind kind,
        Audience audience,
        String requestId,
        String reference,
        String cafDepartment,
        String siret,
        String fromAddress,
        String fromName,
        String replyTo,
        String to,
        String subject,
        String text,
        String html,
        String messageId,
        Integer sequence,
        NotificationStatus status,
        int attempts,
        String lastError,
        Instant nextAttemptAt,
        Instant createdAt,
        Instant sentAt,
        String retriedBy,
        Instant retriedAt,
        String traceparent) {

    public static final String COLLECTION = "notifications";

    /** Field names, for queries and targeted updates. */
    public static final class Fields {
        public static final String ID = "_id";
        public static final String SOURCE_EVENT_ID = "sourceEventId";
        public static final String KIND = "kind";
        public static final String AUDIENCE = "audience";
        public static final String REQUEST_ID = "requestId";
        public static final String CAF_DEPARTMENT = "cafDepartment";
        public static final String SEQUENCE = "sequence";
        public static final String STATUS = "status";
        public static final String ATTEMPTS = "attempts";
        public static final String LAST_ERROR = "lastError";
        public static final String NEXT_ATTEMPT_AT = "nextAttemptAt";
        public static final String CREATED_AT = "createdAt";
        public static final String SENT_AT = "sentAt";
        public static final String RETRIED_BY = "retriedBy";
        public static final String RETRIED_AT = "retriedAt";

        private Fields() {
        }
    }

    /** This notification as it is after a failed attempt that will be tried again. */
    public Notification afterFailedAttempt(int attemptsSoFar, String error, Instant nextAttempt) {
        return new Notification(id, sourceEventId, kind, audience, requestId, reference, cafDepartment, siret,
                fromAddress, fromName, replyTo, to, subject, text, html, messageId, sequence, status, attemptsSoFar,
                error, nextAttempt, createdAt, sentAt, retriedBy, retriedAt, traceparent);
    }

    /** This notification, caused by the event of this trace. */
    public Notification tracedBy(String causeTraceparent) {
        return new Notification(id, sourceEventId, kind, audience, requestId, reference, cafDepartment, siret,
                fromAddress, fromName, replyTo, to, subject, text, html, messageId, sequence, status, attempts,
                lastError, nextAttemptAt, createdAt, sentAt, retriedBy, retriedAt, causeTraceparent);
    }

    public boolean forPartner() {
        return audience == Audience.PARTNER;
    }
}
