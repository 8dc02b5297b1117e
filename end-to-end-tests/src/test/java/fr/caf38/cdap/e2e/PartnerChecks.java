package fr.caf38.cdap.e2e;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;

/**
 * Questions asked of many partners at once, eight at a time: each is an HTTP call or an IMAP session,
 * so asking hundreds of partners one after the other would take most of a test's time.
 */
final class PartnerChecks {
    private static final int READERS = 8;

    /** What a partner sees at the end: the timeline of the request and the mailbox. */
    record Seen(List<String> timeline, List<Mailbox.Mail> mails) {
    }

    private PartnerChecks() {
    }

    /** Waits until every partner meets the condition, asking again only those who did not yet. */
    static void awaitForEach(List<Partner> partners, Predicate<Partner> condition) {
        Set<Partner> waiting = ConcurrentHashMap.newKeySet();
        waiting.addAll(partners);
        ForkJoinPool readers = new ForkJoinPool(READERS);
        try {
            await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                readers.submit(() -> waiting.parallelStream().filter(condition).toList()).get()
                        .forEach(waiting::remove);
                return waiting.isEmpty();
            });
        } finally {
            readers.shutdown();
        }
    }

    /** Each partner's timeline and mailbox. */
    static Map<Partner, Seen> seen(List<Partner> partners) throws Exception {
        Map<Partner, Seen> seen = new ConcurrentHashMap<>();
        ForkJoinPool readers = new ForkJoinPool(READERS);
        try {
            readers.submit(() -> partners.parallelStream()
                    .forEach(p -> seen.put(p, new Seen(p.timelineEvents(), p.mails())))).get();
        } finally {
            readers.shutdown();
        }
        return seen;
    }
}
