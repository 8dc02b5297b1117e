package fr.caf38.cdap.notification.store;

import fr.caf38.cdap.events.value.NotificationKind;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * One email, stored before it is sent: rendered once (every attempt sends the same subject, bodies
 * and Message-ID). Its _id is derived from what it is about ({@link NotificationIds}), so a
 * redelivered event is refused by the _id and "is the previous email sent?" is a look-up by key.
 * After its insert the document is only changed by updates by _id: it also carries the outbox of
 * its {@code PartnerNotified} event. Who is sending it lives in its pending entry, not here.
 * Built with {@link #builder()}: its components stay flat, as they are the stored document's fields.
 *
 * @param sequence  the decision number of a partner email (0 for an acknowledgement); null for the
 *                  agents' notice
 * @param revision  the revision of the request's answers the email is about (1, then 2, 3… after
 *                  amendments); null in notifications stored before amendments existed (read as 1)
 * @param follows   the _ids the partner email that must be settled before this one may have (only one
 *                  of them exists): the ordering rule ({@code DeliveryOrder}) reads them by key. Empty
 *                  for the first acknowledgement and for an amendment's acknowledgement, whose
 *                  predecessor (the previous revision's CHANGES_REQUESTED, whose decision number it
 *                  cannot know) is found through the link that email leaves, keyed by the
 *                  acknowledgement's _id ({@code precedes}); null for the agents' notice and in
 *                  notifications stored by an older version (derived then from the sequence)
 * @param precedes  the _id of the email that follows this one when that one cannot derive this one's
 *                  _id: set on a CHANGES_REQUESTED email, naming the next revision's acknowledgement
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
        Integer revision,
        List<String> follows,
        String precedes,
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
        public static final String REVISION = "revision";
        public static final String FOLLOWS = "follows";
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

    /** A notification to build, field by field by name; a new one is {@code PENDING} with no attempt. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding every field of this notification, to change a few. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** This notification as it is after a failed attempt that will be tried again. */
    public Notification afterFailedAttempt(int attemptsSoFar, String error, Instant nextAttempt) {
        return toBuilder().attempts(attemptsSoFar).lastError(error).nextAttemptAt(nextAttempt).build();
    }

    /** This notification, caused by the event of this trace. */
    public Notification tracedBy(String causeTraceparent) {
        return toBuilder().traceparent(causeTraceparent).build();
    }

    public boolean forPartner() {
        return audience == Audience.PARTNER;
    }

    /**
     * Builds a {@link Notification} by naming each field (the record keeps its flat shape: its
     * components are the stored document's field names). {@link #build()} checks what every stored
     * notification has.
     */
    public static final class Builder {
        // What it is and what it is about.
        private String id;
        private String sourceEventId;
        private NotificationKind kind;
        private Audience audience;
        private String requestId;
        private String reference;
        private String cafDepartment;
        private String siret;
        private Integer sequence;
        private Integer revision;
        private List<String> follows;
        private String precedes;
        // The addressing.
        private String fromAddress;
        private String fromName;
        private String replyTo;
        private String to;
        // The email as rendered once.
        private String subject;
        private String text;
        private String html;
        private String messageId;
        // The delivery state.
        private NotificationStatus status = NotificationStatus.PENDING;
        private int attempts;
        private String lastError;
        private Instant nextAttemptAt;
        private Instant createdAt;
        private Instant sentAt;
        private String retriedBy;
        private Instant retriedAt;
        private String traceparent;

        private Builder() {
        }

        private Builder(Notification n) {
            id = n.id;
            sourceEventId = n.sourceEventId;
            kind = n.kind;
            audience = n.audience;
            requestId = n.requestId;
            reference = n.reference;
            cafDepartment = n.cafDepartment;
            siret = n.siret;
            sequence = n.sequence;
            revision = n.revision;
            follows = n.follows;
            precedes = n.precedes;
            fromAddress = n.fromAddress;
            fromName = n.fromName;
            replyTo = n.replyTo;
            to = n.to;
            subject = n.subject;
            text = n.text;
            html = n.html;
            messageId = n.messageId;
            status = n.status;
            attempts = n.attempts;
            lastError = n.lastError;
            nextAttemptAt = n.nextAttemptAt;
            createdAt = n.createdAt;
            sentAt = n.sentAt;
            retriedBy = n.retriedBy;
            retriedAt = n.retriedAt;
            traceparent = n.traceparent;
        }

        public Builder id(String id) {
            this.id = id;
            return this;
        }

        public Builder sourceEventId(String sourceEventId) {
            this.sourceEventId = sourceEventId;
            return this;
        }

        public Builder kind(NotificationKind kind) {
            this.kind = kind;
            return this;
        }

        public Builder audience(Audience audience) {
            this.audience = audience;
            return this;
        }

        public Builder requestId(String requestId) {
            this.requestId = requestId;
            return this;
        }

        public Builder reference(String reference) {
            this.reference = reference;
            return this;
        }

        public Builder cafDepartment(String cafDepartment) {
            this.cafDepartment = cafDepartment;
            return this;
        }

        public Builder siret(String siret) {
            this.siret = siret;
            return this;
        }

        /** See {@link Notification}: null for the agents' notice. */
        public Builder sequence(Integer sequence) {
            this.sequence = sequence;
            return this;
        }

        /** See {@link Notification}. */
        public Builder revision(Integer revision) {
            this.revision = revision;
            return this;
        }

        /** See {@link Notification}: the _ids of the partner email this one comes after. */
        public Builder follows(List<String> follows) {
            this.follows = follows == null ? null : List.copyOf(follows);
            return this;
        }

        /** See {@link Notification}: the _id of the email that comes after this one, when it cannot find this one by key. */
        public Builder precedes(String precedes) {
            this.precedes = precedes;
            return this;
        }

        /** The sender: the service's address, shown under the Caf's name. */
        public Builder from(String address, String name) {
            this.fromAddress = address;
            this.fromName = name;
            return this;
        }

        public Builder replyTo(String replyTo) {
            this.replyTo = replyTo;
            return this;
        }

        public Builder to(String to) {
            this.to = to;
            return this;
        }

        public Builder subject(String subject) {
            this.subject = subject;
            return this;
        }

        public Builder text(String text) {
            this.text = text;
            return this;
        }

        public Builder html(String html) {
            this.html = html;
            return this;
        }

        public Builder messageId(String messageId) {
            this.messageId = messageId;
            return this;
        }

        public Builder status(NotificationStatus status) {
            this.status = status;
            return this;
        }

        public Builder attempts(int attempts) {
            this.attempts = attempts;
            return this;
        }

        public Builder lastError(String lastError) {
            this.lastError = lastError;
            return this;
        }

        public Builder nextAttemptAt(Instant nextAttemptAt) {
            this.nextAttemptAt = nextAttemptAt;
            return this;
        }

        public Builder createdAt(Instant createdAt) {
            this.createdAt = createdAt;
            return this;
        }

        public Builder sentAt(Instant sentAt) {
            this.sentAt = sentAt;
            return this;
        }

        /** Who asked for a failed email to be sent again, and when. */
        public Builder retried(String by, Instant at) {
            this.retriedBy = by;
            this.retriedAt = at;
            return this;
        }

        public Builder traceparent(String traceparent) {
            this.traceparent = traceparent;
            return this;
        }

        public Notification build() {
            requireNonNull(id, "id is required");
            requireNonNull(kind, "kind is required");
            requireNonNull(audience, "audience is required");
            requireNonNull(requestId, "requestId is required");
            requireNonNull(to, "to is required");
            requireNonNull(subject, "subject is required");
            requireNonNull(text, "text is required");
            requireNonNull(messageId, "messageId is required");
            requireNonNull(status, "status is required");
            requireNonNull(createdAt, "createdAt is required");
            return new Notification(id, sourceEventId, kind, audience, requestId, reference, cafDepartment, siret,
                    fromAddress, fromName, replyTo, to, subject, text, html, messageId, sequence, revision, follows,
                    precedes, status, attempts, lastError, nextAttemptAt, createdAt, sentAt, retriedBy, retriedAt, traceparent);
        }
    }
}
