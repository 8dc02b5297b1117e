package fr.caf38.cdap.notification.delivery;

import fr.caf38.cdap.events.Event;
import fr.caf38.cdap.events.PartnerNotified;
import fr.caf38.cdap.events.value.DepartmentCode;
import fr.caf38.cdap.events.value.Siret;
import fr.caf38.cdap.messaging.worker.WakeableWorker;
import fr.caf38.cdap.notification.NotificationProperties;
import fr.caf38.cdap.notification.store.Notification;
import fr.caf38.cdap.notification.store.NotificationStore;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Delivers stored notifications, apart from the consumers: woken right after a notification is
 * stored and on a fixed schedule. Each run claims a batch of due notifications atomically (claim
 * token and lease, so two instances never send the same one at once), holds back those the
 * ordering rule says must wait ({@link DeliveryOrder}), sends the rest over one SMTP connection, and
 * records each result: SENT (with {@code PartnerNotified} for a partner email, in the same write),
 * or a failed attempt retried after an exponential back-off, FAILED past the budget.
 *
 * <p>SMTP has no idempotency: a crash between the server's acceptance and the record of it sends
 * the email again on the next run, with the same Message-ID, so the duplicate is recognisable.
 */
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
    private volatile String lastProblem;

    public NotificationSender(NotificationStore store, JavaMailSenderImpl mailSender, MailComposer composer,
                              NotificationProperties properties, DeliveryMetrics metrics, Clock clock) {
        this.store = store;
        this.mailSender = mailSender;
        this.composer = composer;
        this.properties = properties;
        this.metrics = metrics;
        this.clock = clock;
        this.worker = new WakeableWorker("notification-sender", properties.sender().pollInterval(), this::drain);
    }

    /** Asks for a run as soon as possible; requests made while one is queued are merged. */
    public void wake() {
        worker.wake();
    }

    /** Runs until nothing is left to claim; returns the number of notifications handled. */
    public int drain() {
        int total = 0;
        for (int run = 0; run < MAX_RUNS_PER_DRAIN; run++) {
            int handled = runOnce();
            if (handled == 0) {
                break;
            }
            total += handled;
        }
        return total;
    }

    /** One claim–send–record cycle; returns the number of notifications claimed. */
    int runOnce() {
        Instant now = clock.instant();
        var sender = properties.sender();
        List<Notification> due = store.due(now, sender.batchSize());
        if (due.isEmpty()) {
            return 0;
        }
        List<String> ordered = due.stream().filter(n -> n.forPartner() && n.sequence() != null && n.sequence() > 0)
                .map(Notification::requestId).distinct().toList();
        DeliveryOrder.Split split = DeliveryOrder.split(due, store.partnerNotificationsOf(ordered), now,
                sender.orderMaxWait());
        store.postpone(split.waiting().stream().map(Notification::id).toList(), now, now.plus(sender.pollInterval()));
        List<Notification> claimed = store.claim(split.ready().stream().map(Notification::id).toList(), now,
                sender.lease());
        if (!claimed.isEmpty()) {
            deliver(claimed);
        }
        return claimed.size();
    }

    private void deliver(List<Notification> claimed) {
        // Requests whose partner emails got settled (SENT or FAILED): their held-back emails may go.
        Set<String> settled = new HashSet<>();
        // MimeMessage keeps Object's identity equality: a safe key for Spring's failed-messages map too.
        Map<MimeMessage, Notification> messages = new LinkedHashMap<>();
        for (Notification notification : claimed) {
            try {
                messages.put(composer.compose(notification, mailSender.getSession()), notification);
            } catch (Exception e) {
                recordFailure(notification, DeliveryFailure.unprintable(e), clock.instant(), settled);
            }
        }
        if (!messages.isEmpty()) {
            send(messages, settled);
        }
        store.releaseWaiting(settled, clock.instant());
    }

    private void send(Map<MimeMessage, Notification> messages, Set<String> settled) {
        Map<Object, Exception> failures = Map.of();
        Exception whole = null;
        try {
            // One connection for the whole batch (the transport stays open between messages).
            mailSender.send(messages.keySet().toArray(MimeMessage[]::new));
        } catch (MailSendException e) {
            // Empty when only closing the connection failed, after every message was accepted.
            failures = e.getFailedMessages();
        } catch (MailException e) {
            whole = e;
        }
        Instant now = clock.instant();
        int sent = 0;
        int retried = 0;
        String problem = null;
        for (var entry : messages.entrySet()) {
            Exception failure = whole != null ? whole : failures.get(entry.getKey());
            if (failure == null) {
                recordSent(entry.getValue(), now, settled);
                sent++;
            } else {
                DeliveryFailure described = DeliveryFailure.of(failure);
                problem = described.description();
                if (!recordFailure(entry.getValue(), described, now, settled)) {
                    retried++;
                }
            }
        }
        if (sent > 0) {
            log.debug("{} email(s) sent", sent);
        }
        if (retried > 0 && problem != null && !problem.equals(lastProblem)) {
            log.warn("{} email(s) not sent, will retry: {}", retried, problem);
        }
        lastProblem = problem;
    }

    private void recordSent(Notification notification, Instant sentAt, Set<String> settled) {
        Event[] events = notification.forPartner() ? new Event[] {partnerNotified(notification, sentAt)} : new Event[0];
        if (!store.markSent(notification, sentAt, events)) {
            log.warn("Notification {} was sent but its claim had expired; another sender may send it again "
                    + "(same Message-ID)", notification.id());
        }
        metrics.sent(notification.kind());
        if (notification.forPartner()) {
            settled.add(notification.requestId());
        }
    }

    /** Records a failed attempt; true when the notification is now FAILED. */
    private boolean recordFailure(Notification notification, DeliveryFailure failure, Instant now,
                                  Set<String> settled) {
        int attempts = notification.attempts() + 1;
        var retry = properties.retry();
        if (failure.permanent() || retry.exhausted(attempts)) {
            if (store.markFailed(notification, attempts, failure.description())) {
                metrics.failed(notification.kind());
                log.warn("Notification {} ({}, {}) FAILED after {} attempt(s)", notification.id(), notification.kind(),
                        notification.reference(), attempts);
            }
            if (notification.forPartner()) {
                settled.add(notification.requestId());
            }
            return true;
        }
        store.markRetry(notification, attempts, now.plus(retry.delayAfter(attempts)), failure.description());
        return false;
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

    @Override
    public void stop() {
        worker.stop(Duration.ofSeconds(30));
    }

    @Override
    public boolean isRunning() {
        return worker.isRunning();
    }
}
