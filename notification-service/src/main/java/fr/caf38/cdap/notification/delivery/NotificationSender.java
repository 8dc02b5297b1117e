package fr.caf38.cdap.notification.delivery;

import fr.caf38.cdap.messaging.tracing.EventTraces;
import io.micrometer.tracing.Span;
import fr.caf38.cdap.events.Event;
import fr.caf38.cdap.events.PartnerNotified;
import fr.caf38.cdap.events.value.DepartmentCode;
import fr.caf38.cdap.events.value.Siret;
import fr.caf38.cdap.messaging.worker.WakeableWorker;
import fr.caf38.cdap.notification.NotificationProperties;
import fr.caf38.cdap.notification.store.Notification;
import fr.caf38.cdap.notification.store.NotificationStatus;
import fr.caf38.cdap.notification.store.NotificationStore;
import fr.caf38.cdap.notification.store.NotificationStore.Attempt;
import fr.caf38.cdap.notification.store.NotificationStore.Holder;
import fr.caf38.cdap.notification.store.NotificationStore.Predecessors;
import fr.caf38.cdap.notification.store.NotificationStore.Sent;
import jakarta.mail.internet.MimeMessage;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.TimeUnit;

/**
 * Delivers the notifications this instance holds, from memory, apart from the consumers. The
 * consumers (and the agents' retry) hand over what they stored, already held by this instance
 * through its pending entry; each waits in a delay queue until it is due: at once when new, after
 * the back-off when an attempt failed, after {@code poll-interval} (or as soon as an earlier email
 * of its request is settled here) when the ordering rule ({@link DeliveryOrder}) holds it back.
 * Due ones go in batches over one SMTP connection; each result is recorded by _id: SENT (with
 * {@code PartnerNotified} for a partner email, in the same write), a failed attempt retried after
 * an exponential back-off, FAILED past the budget. The store is the record; memory is the queue.
 *
 * <p>Nothing polls the store in normal running. A recovery sweep, at start-up and at most every
 * minute, takes the pending entries whose lease lapsed (a crashed instance's, or notifications
 * stored outside the consumers) and sends them likewise; the start-up run first gives a pending
 * entry to every PENDING notification an older version left without one (the one full scan).
 *
 * <p>SMTP has no idempotency: a crash between the server's acceptance and the record of it sends
 * the email again after the lease, with the same Message-ID, so the duplicate is recognisable.
 */
@Component
public class NotificationSender implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(NotificationSender.class);
    /** Bounds one drain, so a zero back-off cannot keep the thread busy for ever. */
    private static final int MAX_RUNS_PER_DRAIN = 100;

    private final NotificationStore store;
    private final JavaMailSenderImpl mailSender;
    private final MailComposer composer;
    private final NotificationProperties properties;
    private final DeliveryMetrics metrics;
    private final Clock clock;
    private final WakeableWorker worker;
    private final SmtpConnection connection;
    private final EventTraces traces;
    /** This instance's token in the pending entries it holds. */
    private final String owner = UUID.randomUUID().toString();
    /** Every notification this instance holds, by _id: what the gauges count. */
    private final Map<String, Held> held = new ConcurrentHashMap<>();
    private final DelayQueue<Due> queue = new DelayQueue<>();
    /** Partner emails held back by the ordering rule, by request: released when an earlier one settles here. */
    private final Map<String, Set<String>> waitingByRequest = new HashMap<>();
    private volatile Instant lastSweep;
    /** When the leases of what this instance holds are next looked at (see keepLeases). */
    private Instant nextLeaseCheck = Instant.MIN;
    private volatile boolean recoveredAtStartUp;
    private volatile String lastProblem;

    public NotificationSender(NotificationStore store, JavaMailSenderImpl mailSender, MailComposer composer,
                              NotificationProperties properties, DeliveryMetrics metrics, Clock clock) {
        this(store, mailSender, composer, properties, metrics, clock, EventTraces.NONE);
    }

    /** @param traces sending an email is a span of the trace that caused it, and so is its PartnerNotified */
    @Autowired
    public NotificationSender(NotificationStore store, JavaMailSenderImpl mailSender, MailComposer composer,
                              NotificationProperties properties, DeliveryMetrics metrics, Clock clock,
                              EventTraces traces) {
        this.traces = traces;
        this.store = store;
        this.mailSender = mailSender;
        this.composer = composer;
        this.properties = properties;
        this.metrics = metrics;
        this.clock = clock;
        // Runs at least every quarter of a lease, so that keepLeases moves each lease before it lapses
        // even when nothing is due (with the defaults, 5 s against 10 min: the poll interval decides).
        Duration quarterLease = properties.sender().lease().dividedBy(4);
        this.worker = new WakeableWorker("notification-sender", properties.sender().pollInterval()
                .compareTo(quarterLease) < 0 ? properties.sender().pollInterval() : quarterLease, this::drain);
        this.connection = new SmtpConnection(mailSender, properties.sender().connectionIdle());
        metrics.trackPending(this);
    }

    /** A notification held here, when it is next due, and until when its pending entry's lease runs. */
    private record Held(Notification notification, Instant dueAt, Instant leaseUntil) {
    }

    /** A place in the delay queue; stale once its notification is due at another time or no longer held. */
    private record Due(String id, Instant at, Clock clock) implements Delayed {
        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(Duration.between(clock.instant(), at).toNanos(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            return other instanceof Due due ? at.compareTo(due.at)
                    : Long.compare(getDelay(TimeUnit.NANOSECONDS), other.getDelay(TimeUnit.NANOSECONDS));
        }
    }

    /** A new hold for this instance, from now for one lease. */
    public Holder holder() {
        Instant now = clock.instant();
        return new Holder(owner, now, now.plus(properties.sender().lease()));
    }

    /**
     * Takes over notifications stored and held under {@code holder} (by the consumers or the
     * agents' retry), and asks for a run. Each is due at its {@code nextAttemptAt}, or now.
     */
    public void submit(Collection<Notification> notifications, Holder holder) {
        if (notifications.isEmpty()) {
            return;
        }
        for (Notification notification : notifications) {
            Instant due = notification.nextAttemptAt() != null && notification.nextAttemptAt().isAfter(holder.at())
                    ? notification.nextAttemptAt() : holder.at();
            schedule(new Held(notification, due, holder.leaseUntil()));
        }
        wake();
    }

    /** Asks for a run as soon as possible; requests made while one is queued are merged. */
    public void wake() {
        worker.wake();
    }

    /** Whether the start-up recovery (scan and first sweep) has run. */
    public boolean recoveredAtStartUp() {
        return recoveredAtStartUp;
    }

    /** How many PENDING notifications this instance holds (new, waiting their turn, or between attempts). */
    public int pendingCount() {
        return held.size();
    }

    /** When the oldest notification this instance holds was stored, if any. */
    public Optional<Instant> oldestPendingSince() {
        return held.values().stream().map(h -> h.notification().createdAt()).filter(at -> at != null)
                .min(Instant::compareTo);
    }

    /**
     * Sends what is due until nothing is, after a recovery sweep when one is due; returns the number
     * of notifications whose attempt was made.
     */
    public synchronized int drain() {
        if (lastSweep == null || !clock.instant().isBefore(lastSweep.plus(properties.sender().sweepInterval()))) {
            try {
                recover();
            } catch (RuntimeException e) {
                // The store is away: what is in memory still goes; the sweep runs again in a minute.
                lastSweep = clock.instant();
                log.warn("Recovery sweep failed, will retry: {}", e.toString());
            }
        }
        int total = 0;
        try {
            total = runs();
        } finally {
            connection.closeIfIdle();
        }
        return total;
    }

    private int runs() {
        int total = 0;
        for (int run = 0; run < MAX_RUNS_PER_DRAIN; run++) {
            keepLeases(clock.instant());
            List<Held> batch = takeDue(properties.sender().batchSize());
            if (batch.isEmpty()) {
                break;
            }
            try {
                total += runOnce(batch);
            } catch (RuntimeException e) {
                // The store is away: keep them, and try again after the poll interval.
                Instant later = clock.instant().plus(properties.sender().pollInterval());
                for (Held taken : batch) {
                    Held current = held.get(taken.notification().id());
                    if (current != null) {
                        schedule(new Held(current.notification(), later, current.leaseUntil()));
                    }
                }
                throw e;
            }
        }
        return total;
    }

    /** One order-check, send and record cycle; returns the number of notifications attempted. */
    private int runOnce(List<Held> batch) {
        Instant now = clock.instant();
        var sender = properties.sender();
        List<Notification> candidates = batch.stream().map(Held::notification).toList();
        List<Notification> ordered = candidates.stream().filter(Notification::forPartner).toList();
        DeliveryOrder.Split split = DeliveryOrder.split(candidates,
                ordered.isEmpty() ? Predecessors.NONE : store.predecessors(ordered), now, sender.orderMaxWait());
        holdBack(split.waiting(), now);
        if (split.ready().isEmpty()) {
            return 0;
        }
        deliver(split.ready());
        return split.ready().size();
    }

    /**
     * Keeps the lease of everything held here ahead, so that no sweep takes an email while it waits
     * its turn in this instance's memory (a backlog longer than the lease): looked at before each
     * batch, at most every tenth of a lease, and those less than three quarters of a lease ahead are
     * moved to a whole lease, in one write. So a batch taken has over half a lease left for its SMTP
     * exchange and its record. One taken anyway (this instance stalled past its lease) is let go
     * here rather than sent twice. Package-private: a test stands for the batch loop.
     */
    void keepLeases(Instant now) {
        Duration lease = properties.sender().lease();
        if (now.isBefore(nextLeaseCheck)) {
            return;
        }
        nextLeaseCheck = now.plus(lease.dividedBy(10));
        Instant renewBefore = now.plus(lease.multipliedBy(3).dividedBy(4));
        Map<String, Instant> renewals = new LinkedHashMap<>();
        held.forEach((id, current) -> {
            if (current.leaseUntil().isBefore(renewBefore)) {
                renewals.put(id, now.plus(lease));
            }
        });
        renewHeld(renewals);
    }

    /** Moves these leases where this instance still holds the entry; lets go of the ones another took. */
    private void renewHeld(Map<String, Instant> renewals) {
        if (renewals.isEmpty()) {
            return;
        }
        Set<String> lost = store.renewHeld(renewals, owner);
        renewals.forEach((id, until) -> {
            Held current = held.get(id);
            if (current != null && lost.contains(id)) {
                forget(current.notification());
            } else {
                held.computeIfPresent(id, (key, kept) -> new Held(kept.notification(), kept.dueAt(), until));
            }
        });
        if (!lost.isEmpty()) {
            log.warn("{} notification(s) held here were taken by another instance after their lease lapsed; "
                    + "left to it", lost.size());
        }
    }

    /** No longer held here (settled, or held by another instance): its place in the queue goes stale. */
    private void forget(Notification notification) {
        held.remove(notification.id());
        Set<String> waiting = waitingByRequest.get(notification.requestId());
        if (waiting != null && waiting.remove(notification.id()) && waiting.isEmpty()) {
            waitingByRequest.remove(notification.requestId());
        }
    }

    /** Emails the ordering rule holds back: looked at again after the poll interval, their lease kept ahead. */
    private void holdBack(List<Notification> waiting, Instant now) {
        Duration lease = properties.sender().lease();
        Map<String, Instant> renewals = new LinkedHashMap<>();
        for (Notification notification : waiting) {
            Held current = held.get(notification.id());
            Instant leaseUntil = current.leaseUntil();
            if (leaseUntil.isBefore(now.plus(lease.dividedBy(2)))) {
                leaseUntil = now.plus(lease);
                renewals.put(notification.id(), leaseUntil);
            }
            schedule(new Held(notification, now.plus(properties.sender().pollInterval()), leaseUntil));
            waitingByRequest.computeIfAbsent(notification.requestId(), key -> new LinkedHashSet<>())
                    .add(notification.id());
        }
        renewHeld(renewals);
    }

    private void deliver(List<Notification> ready) {
        // Requests whose partner emails got settled (SENT or FAILED): their held-back emails may go.
        Set<String> settled = new HashSet<>();
        List<Sent> sent = new ArrayList<>();
        List<Attempt> failed = new ArrayList<>();
        // MimeMessage keeps Object's identity equality: a safe key for Spring's failed-messages map too.
        Map<MimeMessage, Notification> messages = new LinkedHashMap<>();
        for (Notification notification : ready) {
            try {
                messages.put(composer.compose(notification, mailSender.getSession()), notification);
            } catch (Exception e) {
                failed.add(failure(notification, DeliveryFailure.unprintable(e), clock.instant()));
            }
        }
        // One span per email, child of the trace that caused it; the batch goes over one connection, so
        // each span covers the batch's SMTP exchange.
        Map<String, Span> spans = new HashMap<>();
        for (Notification notification : messages.values()) {
            spans.put(notification.id(), traces.startChild(notification.traceparent(), "email " + notification.kind()));
        }
        if (!messages.isEmpty()) {
            send(messages, sent, failed);
        }
        Map<UUID, Span> causes = new HashMap<>();
        for (Sent delivery : sent) {
            delivery.events().forEach(event -> causes.put(event.eventId(), spans.get(delivery.notification().id())));
        }
        try (var ignored = traces.register(causes)) {
            store.markSent(sent);
        } catch (RuntimeException e) {
            spans.values().forEach(span -> span.error(e).end());
            throw e;
        }
        store.markFailedAttempts(failed, properties.sender().lease());
        for (Attempt attempt : failed) {
            Span span = spans.get(attempt.notification().id());
            if (span != null) {
                span.tag("error", attempt.error() == null ? "failed" : attempt.error());
            }
        }
        spans.values().forEach(Span::end);
        for (Sent delivery : sent) {
            settle(delivery.notification(), settled);
            metrics.sent(delivery.notification().kind());
        }
        for (Attempt attempt : failed) {
            Notification notification = attempt.notification();
            if (attempt.givenUp()) {
                settle(notification, settled);
                metrics.failed(notification.kind());
                Span span = spans.get(notification.id());
                try (var ignored = span == null ? null : traces.inScope(span)) {
                    log.warn("Notification {} ({}, {}) FAILED after {} attempt(s)", notification.id(), notification.kind(),
                            notification.reference(), attempt.attempts());
                }
            } else {
                schedule(new Held(notification.afterFailedAttempt(attempt.attempts(), attempt.error(),
                        attempt.nextAttemptAt()), attempt.nextAttemptAt(),
                        attempt.nextAttemptAt().plus(properties.sender().lease())));
            }
        }
        release(settled, clock.instant());
    }

    private void send(Map<MimeMessage, Notification> messages, List<Sent> sent, List<Attempt> failed) {
        // Over the connection kept open between batches while emails keep coming.
        Map<MimeMessage, Exception> failures = connection.send(List.copyOf(messages.keySet()));
        Instant now = clock.instant();
        int retried = 0;
        String problem = null;
        for (var entry : messages.entrySet()) {
            Notification notification = entry.getValue();
            Exception failure = failures.get(entry.getKey());
            if (failure == null) {
                Event[] events = notification.forPartner() ? new Event[] {partnerNotified(notification, now)}
                        : new Event[0];
                sent.add(new Sent(notification, notification.attempts() + 1, now, List.of(events)));
            } else {
                DeliveryFailure described = DeliveryFailure.of(failure);
                problem = described.description();
                Attempt attempt = failure(notification, described, now);
                failed.add(attempt);
                if (!attempt.givenUp()) {
                    retried++;
                }
            }
        }
        if (!sent.isEmpty()) {
            log.debug("{} email(s) sent", sent.size());
        }
        if (retried > 0 && problem != null && !problem.equals(lastProblem)) {
            log.warn("{} email(s) not sent, will retry: {}", retried, problem);
        }
        lastProblem = problem;
    }

    /** The record of a failed attempt: retried after the back-off, or given up on past the budget. */
    private Attempt failure(Notification notification, DeliveryFailure failure, Instant now) {
        int attempts = notification.attempts() + 1;
        var retry = properties.retry();
        if (failure.permanent() || retry.exhausted(attempts)) {
            return new Attempt(notification, attempts, failure.description(), null);
        }
        return new Attempt(notification, attempts, failure.description(), now.plus(retry.delayAfter(attempts)));
    }

    /** A notification is settled (SENT or FAILED): no longer held. */
    private void settle(Notification notification, Set<String> settled) {
        forget(notification);
        if (notification.forPartner()) {
            settled.add(notification.requestId());
        }
    }

    /** Partner emails held back for these requests are looked at again now (the rule is applied again). */
    private void release(Set<String> requestIds, Instant now) {
        for (String requestId : requestIds) {
            Set<String> waiting = waitingByRequest.remove(requestId);
            if (waiting == null) {
                continue;
            }
            for (String id : waiting) {
                Held current = held.get(id);
                if (current != null && current.notification().attempts() == 0) {
                    schedule(new Held(current.notification(), now, current.leaseUntil()));
                }
            }
        }
    }

    private void schedule(Held next) {
        held.put(next.notification().id(), next);
        queue.add(new Due(next.notification().id(), next.dueAt(), clock));
    }

    /** Up to {@code limit} held notifications that are due, skipping stale places in the queue. */
    private List<Held> takeDue(int limit) {
        List<Held> due = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        while (due.size() < limit) {
            Due next = queue.poll();
            if (next == null) {
                break;
            }
            Held current = held.get(next.id());
            if (current != null && current.dueAt().equals(next.at()) && taken.add(next.id())) {
                due.add(current);
            }
        }
        return due;
    }

    /**
     * The recovery sweep: takes the pending entries whose lease lapsed and holds their PENDING
     * notifications here; entries of settled or vanished notifications are deleted. Reads the
     * pending entries (what is pending) and the notifications by key; at start-up only, first the
     * one full scan for PENDING notifications without an entry.
     */
    private void recover() {
        Instant started = clock.instant();
        if (!recoveredAtStartUp) {
            int pending = store.recordMissingPendingEntries(started);
            if (pending > 0) {
                log.info("{} PENDING notification(s) found at start-up", pending);
            }
        }
        int limit = Math.max(properties.sender().batchSize(), 100);
        int recovered = 0;
        for (int round = 0; round < MAX_RUNS_PER_DRAIN; round++) {
            Holder holder = holder();
            List<String> claimed = store.claimLapsed(holder, limit);
            if (claimed.isEmpty()) {
                break;
            }
            Map<String, Notification> found = new HashMap<>();
            store.findAll(claimed).forEach(notification -> found.put(notification.id(), notification));
            List<String> done = new ArrayList<>();
            List<Notification> pending = new ArrayList<>();
            for (String id : claimed) {
                Notification notification = found.get(id);
                if (notification == null || notification.status() != NotificationStatus.PENDING) {
                    done.add(id);
                } else if (!held.containsKey(id)) {
                    pending.add(notification);
                }
            }
            store.release(done);
            // One waiting past its lease (a long back-off) keeps the lease ahead of its next attempt.
            Map<String, Instant> renewals = new LinkedHashMap<>();
            for (Notification notification : pending) {
                if (notification.nextAttemptAt() != null && notification.nextAttemptAt().isAfter(holder.at())) {
                    renewals.put(notification.id(), notification.nextAttemptAt().plus(properties.sender().lease()));
                }
            }
            store.renew(renewals);
            submitRecovered(pending, holder, renewals);
            recovered += pending.size();
            if (claimed.size() < limit) {
                break;
            }
        }
        if (recovered > 0) {
            log.info("{} unsent notification(s) recovered", recovered);
        }
        lastSweep = started;
        recoveredAtStartUp = true;
    }

    private void submitRecovered(List<Notification> notifications, Holder holder, Map<String, Instant> renewals) {
        for (Notification notification : notifications) {
            Instant due = notification.nextAttemptAt() != null && notification.nextAttemptAt().isAfter(holder.at())
                    ? notification.nextAttemptAt() : holder.at();
            schedule(new Held(notification, due, renewals.getOrDefault(notification.id(), holder.leaseUntil())));
        }
    }

    private static PartnerNotified partnerNotified(Notification notification, Instant sentAt) {
        return PartnerNotified.of(UUID.fromString(notification.requestId()), notification.reference(),
                DepartmentCode.of(notification.cafDepartment()), notification.kind(), notification.to(), sentAt,
                Siret.parse(notification.siret()));
    }

    @Override
    public void start() {
        worker.start();
    }

    /** Stops sending and lets go of what this instance holds, so another instance (or the next start) sends it at once. */
    @Override
    public void stop() {
        worker.stop(Duration.ofSeconds(30));
        connection.close();
        Map<String, Instant> lapsed = new LinkedHashMap<>();
        held.keySet().forEach(id -> lapsed.put(id, Instant.EPOCH));
        try {
            store.renewHeld(lapsed, owner);
            held.clear();
            queue.clear();
        } catch (RuntimeException e) {
            log.warn("Could not let go of {} held notification(s); their leases will lapse: {}", lapsed.size(),
                    e.toString());
        }
    }

    @Override
    public boolean isRunning() {
        return worker.isRunning();
    }
}
