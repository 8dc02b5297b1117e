package fr.caf38.cdap.notification.store;

import fr.caf38.cdap.events.Event;
import fr.caf38.cdap.events.value.NotificationKind;
import fr.caf38.cdap.messaging.outbox.Outbox;
import fr.caf38.cdap.messaging.store.CollectionIndexes;
import fr.caf38.cdap.messaging.store.IndexedStore;
import fr.caf38.cdap.notification.store.Notification.Fields;
import org.springframework.stereotype.Component;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code notifications} collection and the pending entries of unsent ones. On a request's path
 * every command names its documents by key: inserts, and reads and updates whose filter is exactly
 * {@code {_id}} or {@code {_id: {$in}}}. What must happen once is decided by a key too: a
 * notification's derived _id refuses a redelivered event, and the pending entry (keyed by the
 * notification) says which instance may send it, so updates need no other condition. Only the
 * agents' search, the start-up scan and the recovery sweep's queries on the pending entries read
 * more than they name.
 */
@Component
public class NotificationStore implements IndexedStore {
    private final MongoTemplate mongo;
    private final Outbox outbox;
    private final PendingDeliveries pending;
    private final OrderLinks links;

    public NotificationStore(MongoTemplate mongo, Outbox outbox) {
        this.mongo = mongo;
        this.outbox = outbox;
        this.pending = new PendingDeliveries(mongo);
        this.links = new OrderLinks(mongo);
    }

    /** Who holds a notification (an instance's token), since when and until when. */
    public record Holder(String owner, Instant at, Instant leaseUntil) {
    }

    /**
     * The indexes of the agents' search (real MongoDB uses them; the embedded store ignores non-unique
     * indexes) and the pending entries' one. The _id is the only unique key: the derived _id makes a
     * redelivered event harmless, so the unique index of older versions is dropped (each insert paid for it).
     */
    @Override
    public List<CollectionIndexes> indexes() {
        return List.of(CollectionIndexes.of(Notification.COLLECTION,
                        new Index().on(Fields.STATUS, Sort.Direction.ASC).on(Fields.NEXT_ATTEMPT_AT, Sort.Direction.ASC)
                                .named("due"),
                        new Index().on(Fields.REQUEST_ID, Sort.Direction.ASC).on(Fields.SEQUENCE, Sort.Direction.ASC)
                                .named("request_sequence"),
                        new Index().on(Fields.CREATED_AT, Sort.Direction.DESC).named("newest"))
                        .dropping(Set.of("source_event_kind")),
                pending.indexes());
    }

    /**
     * Stores one notification outside the consumers (tools, tests): false when its _id exists. A
     * PENDING one gets a pending entry nobody holds, so the next recovery sweep of any instance sends it.
     */
    public boolean insert(Notification notification) {
        try {
            mongo.insert(notification);
        } catch (DuplicateKeyException duplicate) {
            return false;
        }
        if (notification.status() == NotificationStatus.PENDING) {
            pending.recordUnheld(notification.id(),
                    notification.createdAt() != null ? notification.createdAt() : Instant.now());
        }
        return true;
    }

    /**
     * Stores what an event calls for and holds it for {@code holder}: one insert of the
     * notifications, one of their pending entries (and, before them, one of the ordering links of
     * those that precede an email that cannot find them by key, when the batch has any). Returns the notifications the holder now holds,
     * to send from memory: the new ones, and those of a redelivered event still PENDING that nobody
     * holds (their entry was lost in a crash between the two inserts).
     */
    public List<Notification> insertAndHold(List<Notification> notifications, Holder holder) {
        if (notifications.isEmpty()) {
            return List.of();
        }
        // The links first: an email found stored always has its link, and a redelivery records a lost one again.
        Map<String, String> followsByEmail = new LinkedHashMap<>();
        notifications.stream().filter(notification -> notification.precedes() != null)
                .forEach(notification -> followsByEmail.put(notification.precedes(), notification.id()));
        links.record(followsByEmail);
        Set<Integer> refused = outbox.insertAll(Notification.COLLECTION,
                notifications.stream().map(notification -> Outbox.Insert.of(notification)).toList());
        List<Notification> candidates = new ArrayList<>();
        List<String> duplicates = new ArrayList<>();
        for (int i = 0; i < notifications.size(); i++) {
            if (refused.contains(i)) {
                duplicates.add(notifications.get(i).id());
            } else {
                candidates.add(notifications.get(i));
            }
        }
        if (!duplicates.isEmpty()) {
            findAll(duplicates).stream().filter(stored -> stored.status() == NotificationStatus.PENDING)
                    .forEach(candidates::add);
        }
        Set<String> held = pending.hold(candidates.stream().map(Notification::id).toList(), holder.owner(),
                holder.leaseUntil(), holder.at());
        List<Notification> taken = candidates.stream().filter(notification -> held.contains(notification.id())).toList();
        return stillPending(taken, duplicates);
    }

    /**
     * A stored notification read as PENDING may have been sent, and its entry let go, between that
     * read and the hold (a redelivery racing the sender: the sender records SENT before it lets go).
     * So those held on a redelivery are read again, by key, now that this instance holds them; the
     * ones already settled are let go rather than sent twice.
     */
    private List<Notification> stillPending(List<Notification> taken, List<String> duplicates) {
        List<String> reread = taken.stream().map(Notification::id).filter(duplicates::contains).toList();
        if (reread.isEmpty()) {
            return taken;
        }
        Map<String, Notification> now = new HashMap<>();
        findAll(reread).forEach(stored -> now.put(stored.id(), stored));
        List<String> settled = reread.stream()
                .filter(id -> now.get(id) == null || now.get(id).status() != NotificationStatus.PENDING).toList();
        if (!settled.isEmpty()) {
            pending.release(settled);
        }
        return taken.stream().filter(notification -> !settled.contains(notification.id()))
                .map(notification -> now.getOrDefault(notification.id(), notification)).toList();
    }

    public Optional<Notification> find(String id) {
        return Optional.ofNullable(mongo.findById(id, Notification.class));
    }

    /** The notifications with these _ids that exist: one read by key. */
    public List<Notification> findAll(Collection<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return mongo.find(Query.query(Criteria.where(Fields.ID).in(ids)), Notification.class);
    }

    // --- the sender's side ---

    /**
     * What the ordering rule needs about these candidates: for each partner email, the _ids of the
     * email it comes after (one of them exists once its event has arrived), and those of them that
     * are stored. All by key: one read of the ordering links (for amendments' acknowledgements), one
     * {@code {_id: {$in}}} read of the notifications, status fields only.
     */
    public Predecessors predecessors(Collection<Notification> candidates) {
        Map<String, List<String>> follows = new LinkedHashMap<>();
        List<String> linked = new ArrayList<>();
        for (Notification candidate : candidates) {
            if (!candidate.forPartner()) {
                continue;
            }
            if (candidate.kind() == NotificationKind.AMENDMENT_ACKNOWLEDGEMENT) {
                linked.add(candidate.id());
            } else if (candidate.follows() != null) {
                follows.put(candidate.id(), candidate.follows());
            } else if (candidate.sequence() != null) {
                follows.put(candidate.id(), NotificationIds.beforeSequence(candidate.requestId(), candidate.sequence()));
            }
        }
        Set<String> unknown = new LinkedHashSet<>();
        if (!linked.isEmpty()) {
            Map<String, String> found = links.followed(linked);
            for (String id : linked) {
                if (found.containsKey(id)) {
                    follows.put(id, List.of(found.get(id)));
                } else {
                    unknown.add(id);
                }
            }
        }
        Set<String> ids = new LinkedHashSet<>();
        follows.values().forEach(ids::addAll);
        Map<String, Notification> stored = new HashMap<>();
        if (!ids.isEmpty()) {
            Query query = Query.query(Criteria.where(Fields.ID).in(ids));
            query.fields().include(Fields.REQUEST_ID, Fields.SEQUENCE, Fields.STATUS, Fields.KIND, Fields.AUDIENCE,
                    Fields.CREATED_AT, Fields.ATTEMPTS);
            mongo.find(query, Notification.class).forEach(found -> stored.put(found.id(), found));
        }
        return new Predecessors(follows, unknown, stored);
    }

    /**
     * @param follows by candidate _id, the _ids of the email it comes after (empty: the first one)
     * @param unknown the candidates whose predecessor is not known yet (an amendment's acknowledgement
     *                before the CHANGES_REQUESTED email it follows is stored)
     * @param stored  the predecessors found, by _id (status fields only)
     */
    public record Predecessors(Map<String, List<String>> follows, Set<String> unknown,
                               Map<String, Notification> stored) {
        public static final Predecessors NONE = new Predecessors(Map.of(), Set.of(), Map.of());
    }

    /** A delivery to record: the notification, its attempts so far this one included, and its events. */
    public record Sent(Notification notification, int attempts, Instant sentAt, List<Event> events) {
    }

    /**
     * Records deliveries, each with its events in the same write (one bulk of updates by _id), then
     * deletes their pending entries.
     */
    public void markSent(List<Sent> deliveries) {
        if (deliveries.isEmpty()) {
            return;
        }
        List<Outbox.IdUpdate> updates = deliveries.stream().map(sent -> Outbox.IdUpdate.of(sent.notification().id(),
                new Update().set(Fields.STATUS, NotificationStatus.SENT.name()).set(Fields.SENT_AT, sent.sentAt())
                        .set(Fields.ATTEMPTS, sent.attempts()).unset(Fields.NEXT_ATTEMPT_AT),
                sent.events().toArray(Event[]::new))).toList();
        outbox.updateAllById(Notification.class, updates);
        pending.release(deliveries.stream().map(sent -> sent.notification().id()).toList());
    }

    /** A failed attempt to record: tried again at {@code nextAttemptAt}, or given up on when that is null. */
    public record Attempt(Notification notification, int attempts, String error, Instant nextAttemptAt) {
        public boolean givenUp() {
            return nextAttemptAt == null;
        }
    }

    /**
     * Records failed attempts, by _id in one bulk: those to retry keep their pending entry, whose
     * lease moves {@code lease} past the next attempt; those given up on are FAILED (visible in the
     * API, retried only by an agent) and their entry is deleted.
     */
    public void markFailedAttempts(List<Attempt> attempts, Duration lease) {
        if (attempts.isEmpty()) {
            return;
        }
        BulkOperations writes = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, Notification.class);
        Map<String, Instant> leases = new LinkedHashMap<>();
        List<String> failed = new ArrayList<>();
        for (Attempt attempt : attempts) {
            Update update = new Update().set(Fields.ATTEMPTS, attempt.attempts()).set(Fields.LAST_ERROR, attempt.error());
            if (attempt.givenUp()) {
                update.set(Fields.STATUS, NotificationStatus.FAILED.name()).unset(Fields.NEXT_ATTEMPT_AT);
                failed.add(attempt.notification().id());
            } else {
                update.set(Fields.NEXT_ATTEMPT_AT, attempt.nextAttemptAt());
                leases.put(attempt.notification().id(), attempt.nextAttemptAt().plus(lease));
            }
            writes.updateOne(Query.query(Criteria.where(Fields.ID).is(attempt.notification().id())), update);
        }
        writes.execute();
        pending.renew(leases);
        pending.release(failed);
    }

    /** Moves the leases of notifications this instance holds in memory (e.g. held back by the ordering rule). */
    public void renew(Map<String, Instant> leases) {
        pending.renew(leases);
    }

    /**
     * Moves the leases of notifications {@code owner} holds in memory, where it still holds their
     * entry; returns those it no longer holds (another instance's sweep took them once their lease
     * lapsed), which it must let go rather than send.
     */
    public Set<String> renewHeld(Map<String, Instant> leases, String owner) {
        return pending.renewHeld(leases, owner);
    }

    /** Forgets the pending entries of notifications that are settled or gone. */
    public void release(Collection<String> ids) {
        pending.release(ids);
    }

    /**
     * The recovery sweep: takes the pending entries whose lease lapsed (left by a crashed instance,
     * or never held) for {@code holder}, at most {@code limit}; returns their ids.
     */
    public List<String> claimLapsed(Holder holder, int limit) {
        return pending.claimLapsed(holder.at(), holder.owner(), holder.leaseUntil(), limit);
    }

    /**
     * At start-up only, the one full scan: gives every PENDING notification a pending entry if it
     * has none (notifications stored by an older version, which had no entries). Returns how many
     * PENDING notifications there are.
     */
    public int recordMissingPendingEntries(Instant now) {
        List<String> ids = new ArrayList<>();
        mongo.getCollection(Notification.COLLECTION)
                .find(new Document(Fields.STATUS, NotificationStatus.PENDING.name()))
                .projection(new Document(Fields.ID, 1))
                .forEach(document -> ids.add(String.valueOf(document.get(Fields.ID))));
        for (int from = 0; from < ids.size(); from += 500) {
            pending.recordMissing(ids.subList(from, Math.min(ids.size(), from + 500)), now);
        }
        return ids.size();
    }

    // --- the agents' side ---

    /** A page of notifications of any Caf, newest first; null filters are ignored. */
    public PageResult search(String requestId, NotificationStatus status, NotificationKind kind, int page, int size) {
        return search(null, requestId, status, kind, page, size);
    }

    /**
     * A page of the notifications of these Cafs (an email belongs to its request's Caf; null means
     * every Caf, empty none), newest first; null filters are ignored.
     */
    public PageResult search(Set<String> cafs, String requestId, NotificationStatus status, NotificationKind kind,
                             int page, int size) {
        if (cafs != null && cafs.isEmpty()) {
            return new PageResult(List.of(), 0);
        }
        Criteria criteria = new Criteria();
        if (cafs != null) {
            criteria = criteria.and(Fields.CAF_DEPARTMENT).in(cafs.stream().sorted().toList());
        }
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
     * Puts a FAILED notification of one of {@code cafs} back in the queue (attempts reset, due now) for
     * {@code holder}. Empty when it does not exist or belongs to another Caf; otherwise the notification as it is after the call, whatever its
     * status. The step is claimed by key: a FAILED notification has no pending entry, so only the
     * call whose insert of that entry succeeds moves it, by an update by _id; a concurrent one loses.
     */
    public Optional<RetryResult> retry(String id, String agent, Set<String> cafs, Holder holder) {
        Instant now = holder.at();
        Notification current = mongo.findById(id, Notification.class);
        if (current == null || !cafs.contains(current.cafDepartment())) {
            // Another Caf's email is answered like one that does not exist.
            return Optional.empty();
        }
        if (current.status() != NotificationStatus.FAILED
                || pending.hold(List.of(id), holder.owner(), holder.leaseUntil(), now).isEmpty()) {
            return Optional.of(new RetryResult(current, false));
        }
        Notification retried = mongo.findAndModify(Query.query(Criteria.where(Fields.ID).is(id)),
                new Update().set(Fields.STATUS, NotificationStatus.PENDING.name()).set(Fields.ATTEMPTS, 0)
                        .set(Fields.NEXT_ATTEMPT_AT, now).set(Fields.RETRIED_BY, agent).set(Fields.RETRIED_AT, now),
                FindAndModifyOptions.options().returnNew(true), Notification.class);
        return Optional.of(new RetryResult(retried, true));
    }

    /** @param retried whether this call moved it from FAILED back to PENDING */
    public record RetryResult(Notification notification, boolean retried) {
    }
}
