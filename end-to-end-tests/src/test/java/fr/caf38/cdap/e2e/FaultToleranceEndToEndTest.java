package fr.caf38.cdap.e2e;

import fr.caf38.cdap.localstack.LocalStack;
import fr.caf38.cdap.localstack.StackProcess;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Faults under load, over the real processes: poison records on every input topic; SMTP down for
 * 30 s, during which every service is killed with SIGKILL and started again; then the broker killed
 * and started again.
 * Afterwards every accepted request has exactly one final decision and exactly one email of each
 * kind. The one tolerated exception is the window architecture.md names: notification-service killed
 * after the SMTP server accepted an email and before it recorded so; such a duplicate carries the same
 * Message-ID, and is counted and printed.
 */
class FaultToleranceEndToEndTest {
    private static final Duration READY = Duration.ofSeconds(180);

    @Test
    void underLoadNoFaultLosesOrDuplicatesADecisionOrAnEmail() throws Exception {
        LocalStack stack = SharedStack.get();
        List<Partner> accepted = new CopyOnWriteArrayList<>();
        AtomicInteger refused = new AtomicInteger();
        AtomicInteger sent = new AtomicInteger();
        // About five requests a second, half approved (T9) and half rejected (T2 without subsidy).
        ScheduledExecutorService load = Executors.newSingleThreadScheduledExecutor();
        load.scheduleWithFixedDelay(() -> {
            String email = Requests.mailbox();
            try {
                accepted.add(Partner.submits(stack, email,
                        sent.getAndIncrement() % 2 == 0 ? Requests.t9(email) : Requests.t2WithoutSubsidy(email)));
            } catch (AssertionError | RuntimeException e) {
                refused.incrementAndGet(); // intake itself down: nothing was accepted, a partner would retry
            }
        }, 0, 200, TimeUnit.MILLISECONDS);
        String marker = "poison-" + UUID.randomUUID();
        try {
            poison(stack, marker);
            // SMTP goes down first and stays down for the next faults (at least 30 s in all).
            StackProcess mail = stack.process("mail");
            long smtpDown = System.nanoTime();
            pauseUntilMoreAccepted(accepted, 5);
            mail.send("smtp stop");
            System.out.println("Fault test: SMTP down");
            // Every service killed with SIGKILL at once, then started again together.
            List<StackProcess> services = List.of(stack.process("intake-service"),
                    stack.process("eligibility-service"), stack.process("notification-service"));
            pauseUntilMoreAccepted(accepted, 5);
            services.forEach(StackProcess::kill);
            System.out.println("Fault test: intake, eligibility and notification killed (SIGKILL)");
            services.forEach(StackProcess::start);
            services.parallelStream().forEach(service -> service.awaitReady(READY));
            System.out.println("Fault test: services back");
            pauseUntilMoreAccepted(accepted, 5);
            await().atMost(Duration.ofSeconds(40)).until(() -> System.nanoTime() - smtpDown > Duration.ofSeconds(30).toNanos());
            mail.send("smtp start");
            System.out.printf("Fault test: SMTP back after %d s%n", (System.nanoTime() - smtpDown) / 1_000_000_000);
            restart(stack.process("kafka"), accepted);
            pauseUntilMoreAccepted(accepted, 10);
        } finally {
            load.shutdown();
            assertThat(load.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        }

        System.out.printf("Fault test: %d requests accepted, %d refused while intake was down%n", accepted.size(), refused.get());
        PartnerChecks.awaitForEach(accepted, p -> Set.of("APPROVED", "REJECTED").contains(p.status().get("status").asString()));
        PartnerChecks.awaitForEach(accepted, p -> distinctKinds(p) >= 2);

        int windowDuplicates = 0;
        List<String> problems = new ArrayList<>();
        Map<Partner, PartnerChecks.Seen> seen = PartnerChecks.seen(accepted);
        for (Partner partner : accepted) {
            long decisions = seen.get(partner).timeline().stream().filter(e -> e.startsWith("DECIDED_")).count();
            if (decisions != 1) {
                problems.add(partner.reference() + ": " + decisions + " decisions");
            }
            List<Mailbox.Mail> mails = seen.get(partner).mails();
            Map<String, List<Mailbox.Mail>> byKind = mails.stream().collect(Collectors.groupingBy(Mailbox.Mail::kind));
            if (byKind.size() != 2 || !byKind.containsKey("ACKNOWLEDGEMENT")) {
                problems.add(partner.reference() + ": emails " + byKind.keySet());
            }
            for (List<Mailbox.Mail> sameKind : byKind.values()) {
                long distinctIds = sameKind.stream().map(Mailbox.Mail::messageId).distinct().count();
                if (distinctIds > 1) {
                    problems.add(partner.reference() + ": " + sameKind.size() + " different emails of one kind");
                }
                windowDuplicates += sameKind.size() - 1;
            }
        }
        System.out.printf("Fault test: every request checked; %d duplicate email(s) with the same Message-ID "
                + "(notification-service killed between SMTP acceptance and its record)%n", windowDuplicates);
        assertThat(problems).isEmpty();
        assertThat(deadLetters(stack, marker)).containsExactlyInAnyOrder(
                "access-requests.submitted.eligibility.dlq", "access-requests.submitted.notification.dlq",
                "access-requests.decided.intake.dlq", "access-requests.decided.notification.dlq",
                "notifications.sent.intake.dlq");
        assertThat(stack.crashes()).isEmpty();
    }

    private static long distinctKinds(Partner partner) {
        return partner.mails().stream().map(Mailbox.Mail::kind).distinct().count();
    }

    /** Kills the process with SIGKILL while requests flow, then starts it again. */
    private static void restart(StackProcess process, List<Partner> accepted) {
        pauseUntilMoreAccepted(accepted, 5);
        process.kill();
        System.out.printf("Fault test: %s killed (SIGKILL)%n", process.name());
        process.start();
        process.awaitReady(READY);
        System.out.printf("Fault test: %s back%n", process.name());
    }

    private static void pauseUntilMoreAccepted(List<Partner> accepted, int more) {
        int target = accepted.size() + more;
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> accepted.size() >= target);
    }

    /** Records that are not events at all, and events of the wrong shape, on each input topic. */
    private static void poison(LocalStack stack, String marker) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + stack.ports().kafka(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            for (String topic : List.of("access-requests.submitted", "access-requests.decided", "notifications.sent")) {
                producer.send(new ProducerRecord<>(topic, "73282932000074", "{not json " + marker));
                producer.send(new ProducerRecord<>(topic, "73282932000074", "{\"eventId\": \"" + marker + "\"}"));
            }
        }
    }

    /** The dead-letter topics that hold the poison records. */
    private static Set<String> deadLetters(LocalStack stack, String marker) {
        List<String> topics = List.of("access-requests.submitted.eligibility.dlq", "access-requests.submitted.notification.dlq",
                "access-requests.decided.intake.dlq", "access-requests.decided.notification.dlq",
                "notifications.sent.intake.dlq");
        Set<String> found = new java.util.HashSet<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + stack.ports().kafka(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false))) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                consumer.partitionsFor(topic, Duration.ofSeconds(10))
                        .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (found.size() < topics.size() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(record -> {
                    if (record.value() != null && record.value().contains(marker)) {
                        found.add(record.topic());
                    }
                });
            }
        }
        return found;
    }
}
