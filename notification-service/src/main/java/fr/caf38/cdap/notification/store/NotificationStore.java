package fr.caf38.cdap.notification.store;

import com.mongodb.client.result.UpdateResult;
import fr.caf38.cdap.events.Event;
import fr.caf38.cdap.events.value.NotificationKind;
import fr.caf38.cdap.messaging.outbox.Outbox;
import fr.caf38.cdap.notification.store.Notification.Fields;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@code notifications} collection. Every change after the insert is a targeted update guarded
 * by what it expects (the status, the claim token), so concurrent senders, the retry endpoint and
 * the outbox relay never overwrite each other.
 */
public class NotificationStore {
    private final MongoTemplate mongo;
    private final Outbox outbox;

    public NotificationStore(MongoTemplate mongo, Outbox outbox) {
        this.mongo = mongo;
        this.outbox = outbox;
    }

    /** Creates the indexes; the unique one is what makes a redelivered event harmless, so a failure stops the start. */
    public void createIndexes() {
        var indexes = mongo.indexOps(Notification.class);
        indexes.createIndex(new Index().on(Fields.SOURCE_EVENT_ID, Sort.Direction.ASC).on(Fields.KIND, Sort.Direction.ASC)
                .unique().named("source_event_kind"));
        indexes.createIndex(new Index().on(Fields.STATUS, Sort.Direction.ASC).on(Fields.NEXT_ATTEMPT_AT, Sort.Direction.ASC)
                .named("due"));
        indexes.createIndex(new Index().on(Fields.REQUEST_ID, Sort.Direction.ASC).on(Fields.SEQUENCE, Sort.Direction.ASC)
                .named("request_sequence"));
        indexes.createIndex(new Index().on(Fields.CREATED_AT, Sort.Direction.DESC).named("newest"));
    }

    /** Stores a new notification; false when one already exists for the same source event and kind. */
    public boolean insert(Notification notification) {
        try {
            mongo.insert(notification);
            return true;
        } catch (DuplicateKeyException duplicate) {
            return false;
        }
    }

    public Optional<Notification> find(String id) {
        return Optional.ofNullable(mongo.findById(id, Notification.class));
    }

    // --- the sender's side ---

    /** PENDING notifications whose next attempt is due and that no live claim holds, oldest due first. */
    public List<Notification> due(Instant now, int limit) {
        return mongo.find(Query.query(dueCriteria(now))
                .with(Sort.by(Fields.NEXT_ATTEMPT_AT, Fields.CREATED_AT)).limit(limit), Notification.class);
    }

    /** Every partner notification of these requests (for the ordering rule). */
    public List<Notification> partnerNotificationsOf(Collection<String> requestIds) {
        if (requestIds.isEmpty()) {
            return List.of();
        }
        Query query = Query.query(Criteria.where(Fields.REQUEST_ID).in(requestIds)
                .and(Fields.AUDIENCE).is(Audience.PARTNER.name()));
        query.fields().include(Fields.REQUEST_ID, Fields.SEQUENCE, Fields.STATUS, Fields.KIND, Fields.AUDIENCE,
                Fields.CREATED_AT, Fields.ATTEMPTS);
        return mongo.find(query, Notification.class);
    }

    /** Holds back notifications that must wait for an earlier email, until {@code until}. */
    public void postpone(Collection<String> ids, Instant now, Instant until) {
        if (!ids.isEmpty()) {
            mongo.updateMulti(Query.query(dueCriteria(now).and(Fields.ID).in(ids)),
                    new Update().set(Fields.NEXT_ATTEMPT_AT, until), Notification.class);
        }
    }

    /**
     * Claims these notifications for one run, atomically per document: a notification claimed by
     * another instance in the meantime is left out. Returns what this run holds.
     */
    public List<Notification> claim(Collection<String> ids, Instant now, Duration lease) {
        if (ids.isEmpty()) {
            return List.of();
        }
        String token = UUID.randomUUID().toString();
        mongo.updateMulti(Query.query(dueCriteria(now).and(Fields.ID).in(ids)),
                new Update().set(Fields.CLAIM, token).set(Fields.LEASE_UNTIL, now.plus(lease)), Notification.class);
        return mongo.find(Query.query(Criteria.where(Fields.ID).in(ids).and(Fields.CLAIM).is(token))
                .with(Sort.by(Fields.CREATED_AT)), Notification.class);
    }

    /**
     * Records a delivery, with the events to publish in the same write (only if this run still holds
     * the claim). Returns false when the claim was lost.
     */
    public boolean markSent(Notification notification, Instant sentAt, Event... events) {
        Update update = release(new Update()).set(Fields.STATUS, NotificationStatus.SENT.name())
                .set(Fields.SENT_AT, sentAt).inc(Fields.ATTEMPTS, 1).unset(Fields.NEXT_ATTEMPT_AT);
        if (events.length > 0) {
            update = outbox.withEvents(update, events);
        }
        boolean done = matched(mongo.updateFirst(held(notification), update, Notification.class));
        if (done && events.length > 0) {
            outbox.written(Notification.class, notification.id());
        }
        return done;
    }

    /** Records a failed attempt that will be tried again at {@code nextAttemptAt}. */
    public boolean markRetry(Notification notification, int attempts, Instant nextAttemptAt, String error) {
        Update update = release(new Update()).set(Fields.ATTEMPTS, attempts).set(Fields.NEXT_ATTEMPT_AT, nextAttemptAt)
                .set(Fields.LAST_ERROR, error);
        return matched(mongo.updateFirst(held(notification), update, Notification.class));
    }

    /** Gives up on a notification: FAILED, visible in the API, retried only by an agent. */
    public boolean markFailed(Notification notification, int attempts, String error) {
        Update update = release(new Update()).set(Fields.STATUS, NotificationStatus.FAILED.name())
                .set(Fields.ATTEMPTS, attempts).set(Fields.LAST_ERROR, error).unset(Fields.NEXT_ATTEMPT_AT);
        return matched(mongo.updateFirst(held(notification), update, Notification.class));
    }

    /**
     * Partner emails of these requests that the ordering rule held back may go now that an earlier
     * one is settled: make them due. One write per batch; releasing one too early only costs a
     * re-check, since the rule is applied again when they are claimed. Emails already tried keep
     * their back-off.
     */
    public void releaseWaiting(Collection<String> requestIds, Instant now) {
        if (requestIds.isEmpty()) {
            return;
        }
        mongo.updateMulti(Query.query(Criteria.where(Fields.REQUEST_ID).in(requestIds)
                        .and(Fields.AUDIENCE).is(Audience.PARTNER.name())
                        .and(Fields.STATUS).is(NotificationStatus.PENDING.name())
                        .and(Fields.SEQUENCE).gt(0)
                        .and(Fields.NEXT_ATTEMPT_AT).gt(now)
                        .and(Fields.ATTEMPTS).is(0)),
                new Update().set(Fields.NEXT_ATTEMPT_AT, now), Notification.class);
    }

    // --- the agents' side ---

    /** A page of notifications, newest first; null filters are ignored. */
    public PageResult search(String requestId, NotificationStatus status, NotificationKind kind, int page, int size) {
        Criteria criteria = new Criteria();
        if (requestId != null) {
            criteria = criteria.and(Fields.REQUEST_ID).is(requestId);
        }
        if (status != null) {
            criteria = criteria.and(Fields.STATUS).is(status.name());
        }
        if (kind != null) {
            criteria = criteria.and(Fields.KIND).is(kind.name());
        }
        long total = mongo.count(Query.query(criteria), Notification.class);
        Query query = Query.query(criteria)
                .with(Sort.by(Sort.Order.desc(Fields.CREATED_AT), Sort.Order.desc(Fields.ID)))
                .skip((long) page * size).limit(size);
        return new PageResult(mongo.find(query, Notification.class), total);
    }

    /** A page of notifications and the number of all that match. */
    public record PageResult(List<Notification> content, long totalElements) {
    }

    /**
     * Puts a FAILED notification back in the queue (attempts reset, due now). Empty when it does not
     * exist; otherwise the notification as it is after the call, whatever its status.
     */
    public Optional<RetryResult> retry(String id, String agent, Instant now) {
        UpdateResult result = mongo.updateFirst(
                Query.query(Criteria.where(Fields.ID).is(id).and(Fields.STATUS).is(NotificationStatus.FAILED.name())),
                new Update().set(Fields.STATUS, NotificationStatus.PENDING.name()).set(Fields.ATTEMPTS, 0)
                        .set(Fields.NEXT_ATTEMPT_AT, now).set(Fields.RETRIED_BY, agent).set(Fields.RETRIED_AT, now)
                        .unset(Fields.CLAIM).unset(Fields.LEASE_UNTIL),
                Notification.class);
        return find(id).map(notification -> new RetryResult(notification, matched(result)));
    }

    /** @param retried whether this call moved it from FAILED back to PENDING */
    public record RetryResult(Notification notification, boolean retried) {
    }

    // --- metrics ---

    public long countPending() {
        return mongo.count(Query.query(Criteria.where(Fields.STATUS).is(NotificationStatus.PENDING.name())),
                Notification.class);
    }

    /** When the oldest PENDING notification was stored, if any. */
    public Optional<Instant> oldestPendingSince() {
        Query query = Query.query(Criteria.where(Fields.STATUS).is(NotificationStatus.PENDING.name()))
                .with(Sort.by(Fields.CREATED_AT)).limit(1);
        query.fields().include(Fields.CREATED_AT, Fields.ATTEMPTS);
        return Optional.ofNullable(mongo.findOne(query, Notification.class)).map(Notification::createdAt);
    }

    private static Criteria dueCriteria(Instant now) {
        return Criteria.where(Fields.STATUS).is(NotificationStatus.PENDING.name())
                .and(Fields.NEXT_ATTEMPT_AT).lte(now)
                .orOperator(Criteria.where(Fields.LEASE_UNTIL).is(null), Criteria.where(Fields.LEASE_UNTIL).lt(now));
    }

    private static Query held(Notification notification) {
        return Query.query(Criteria.where(Fields.ID).is(notification.id()).and(Fields.CLAIM).is(notification.claim())
                .and(Fields.STATUS).is(NotificationStatus.PENDING.name()));
    }

    private static Update release(Update update) {
        return update.unset(Fields.CLAIM).unset(Fields.LEASE_UNTIL);
    }

    private static boolean matched(UpdateResult result) {
        return result.getMatchedCount() > 0;
    }
}
