package fr.caf38.cdap.e2e;

import fr.caf38.cdap.localstack.LocalStack;
import fr.caf38.cdap.localstack.StackProcess;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances of every service against one broker and one store, in the same consumer groups: a few
 * hundred requests are submitted to both intakes; midway the second instance of each service is killed
 * with SIGKILL. Afterwards the outcomes are those of one instance: every accepted request decided once,
 * its acknowledgement and decision emails delivered, nothing lost; a duplicate email only in the window
 * architecture.md names (the mail server accepted it, the record was not yet written), recognisable by
 * its Message-ID, counted and printed.
 */
class TwoInstancesEndToEndTest {
    private static final int REQUESTS = 200;
    /** The sender's batch: what one instance can have handed to SMTP and not yet recorded when killed. */
    private static final int SENDER_BATCH = 50;
    private static final Pattern DECISIONS = Pattern.compile("^eligibility_decisions_total\\{[^}]*}\\s+([0-9.eE+]+)",
            Pattern.MULTILINE);
    private static final Pattern SENT = Pattern.compile("^notifications_sent_total\\{[^}]*}\\s+([0-9.eE+]+)",
            Pattern.MULTILINE);

    @Test
    void twoInstancesOfEveryServiceOneKilledMidwayGiveTheSameOutcomesAsOne() throws Exception {
        LocalStack stack = SharedStack.get();
        List<String> second = stack.scaleTo(2);
        List<Partner> accepted = new CopyOnWriteArrayList<>();
        AtomicInteger refused = new AtomicInteger();
        AtomicInteger sent = new AtomicInteger();
        List<String> intakes = new CopyOnWriteArrayList<>(List.of(stack.url("intake-service"), stack.url("intake-service-2")));
        ExecutorService load = Executors.newFixedThreadPool(4);
        for (int client = 0; client < 4; client++) {
            load.submit(() -> {
                int i;
                while ((i = sent.getAndIncrement()) < REQUESTS) {
                    String email = Requests.mailbox();
                    String intake = intakes.get(i % intakes.size());
                    try {
                        accepted.add(Partner.submitsTo(stack, intake, email,
                                i % 2 == 0 ? Requests.t9(email) : Requests.t2WithoutSubsidy(email)));
                    } catch (AssertionError | RuntimeException e) {
                        refused.incrementAndGet(); // that intake was just killed: nothing was accepted
                    }
                }
            });
        }
        try {
            await().atMost(Duration.ofSeconds(120)).until(() -> accepted.size() >= REQUESTS / 2);
            // Each second instance must have had its share of the partitions before it dies.
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() ->
                    metric(stack, "eligibility-service-2", DECISIONS) > 0
                            && metric(stack, "notification-service-2", SENT) > 0);
            Map<String, Double> workBeforeKill = Map.of(
                    "eligibility-service-2", metric(stack, "eligibility-service-2", DECISIONS),
                    "notification-service-2", metric(stack, "notification-service-2", SENT));
            intakes.remove(stack.url("intake-service-2"));
            second.stream().map(stack::process).forEach(StackProcess::kill);
            System.out.printf("Two instances: second instances killed (SIGKILL) after %d accepted; their work so far: %s%n",
                    accepted.size(), workBeforeKill);
        } finally {
            load.shutdown();
            assertThat(load.awaitTermination(180, TimeUnit.SECONDS)).isTrue();
        }
        System.out.printf("Two instances: %d requests accepted, %d refused by the killed intake%n", accepted.size(),
                refused.get());
        assertThat(accepted.size()).isGreaterThanOrEqualTo(REQUESTS - 20);

        PartnerChecks.awaitForEach(accepted, p -> Set.of("APPROVED", "REJECTED").contains(p.status().get("status").asString()));
        PartnerChecks.awaitForEach(accepted, p -> p.mails().stream().map(Mailbox.Mail::kind).distinct().count() >= 2);
        int windowDuplicates = 0;
        List<String> problems = new ArrayList<>();
        Map<Partner, PartnerChecks.Seen> checked = PartnerChecks.seen(accepted);
        for (Partner partner : accepted) {
            long decisions = checked.get(partner).timeline().stream().filter(e -> e.startsWith("DECIDED_")).count();
            if (decisions != 1) {
                problems.add(partner.reference() + ": " + decisions + " decisions");
            }
            Map<String, List<Mailbox.Mail>> byKind = checked.get(partner).mails().stream()
                    .collect(Collectors.groupingBy(Mailbox.Mail::kind));
            if (byKind.size() != 2 || !byKind.containsKey("ACKNOWLEDGEMENT")) {
                problems.add(partner.reference() + ": emails " + byKind.keySet());
            }
            for (List<Mailbox.Mail> sameKind : byKind.values()) {
                if (sameKind.stream().map(Mailbox.Mail::messageId).distinct().count() > 1) {
                    problems.add(partner.reference() + ": " + sameKind.size() + " different emails of one kind");
                }
                windowDuplicates += sameKind.size() - 1;
            }
        }
        System.out.printf("Two instances: every request checked; %d duplicate email(s) with the same Message-ID%n",
                windowDuplicates);
        assertThat(problems).isEmpty();
        assertThat(windowDuplicates).as("duplicates only from the batch in flight at the kill")
                .isLessThanOrEqualTo(SENDER_BATCH);
        assertThat(stack.crashes()).isEmpty();
    }

    private static double metric(LocalStack stack, String process, Pattern sample) {
        Http.Response response = Http.getAsMonitor(stack.url(process) + "/actuator/prometheus");
        Matcher matcher = sample.matcher(response.raw());
        double total = 0;
        while (matcher.find()) {
            total += Double.parseDouble(matcher.group(1));
        }
        return total;
    }
}
