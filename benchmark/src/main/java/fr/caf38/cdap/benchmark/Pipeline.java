package fr.caf38.cdap.benchmark;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The whole pipeline under an open-loop load: requests are sent at their scheduled times whatever the
 * answers (latencies count from the scheduled time, so a slow system cannot hide its queueing), and
 * the decisions and the decision emails are watched on their topics.
 */
final class Pipeline implements AutoCloseable {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** What one stage measured. */
    record StageResult(int offeredPerSecond, int sent, int accepted, int errors, double acceptedPerSecond,
                       double decidedPerSecond, double emailedPerSecond, int decided, int emailed,
                       double httpP50, double httpP95, double httpP99,
                       double decisionP50, double decisionP95, double decisionP99,
                       double emailP50, double emailP95, double emailP99, double cpuSecondsPer1000,
                       double storeCommandsPerRequest, Map<String, Double> cpuSecondsPer1000ByProcess,
                       int duplicateEmails) {
    }

    private final String intakeUrl;
    private final java.util.concurrent.ExecutorService httpThreads = Executors.newFixedThreadPool(16);
    private final HttpClient http = HttpClient.newBuilder()
            .executor(httpThreads)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, Long> submittedAt = new ConcurrentHashMap<>();
    private final Map<String, Long> decidedAt = new ConcurrentHashMap<>();
    /** When both partner emails of a request (its acknowledgement and its first decision's) were sent. */
    private final Map<String, Long> emailedAt = new ConcurrentHashMap<>();
    /**
     * Every distinct {@code PartnerNotified} per request and email kind. A second one for the same kind
     * is a second email the mail server accepted (the at-least-once duplicate, e.g. after a crash between
     * the SMTP answer and the record); a record the relay published twice has the same eventId and is
     * not counted.
     */
    private final Map<String, Set<String>> sends = new ConcurrentHashMap<>();
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final Set<String> decisionEmailed = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean watching = new AtomicBoolean(true);
    private final List<Thread> watchers = new ArrayList<>();
    private final AtomicInteger sequence = new AtomicInteger();

    Pipeline(String intakeUrl, String bootstrap) {
        this.intakeUrl = intakeUrl;
        watchers.add(watch(bootstrap, "access-requests.decided", (node, now) -> {
            if (node.path("decisionNumber").asInt(1) == 1) {
                decidedAt.putIfAbsent(node.get("requestId").asString(), now);
            }
        }));
        watchers.add(watch(bootstrap, "notifications.sent", (node, now) -> {
            String requestId = node.get("requestId").asString();
            String kind = node.path("kind").asString();
            sends.computeIfAbsent(requestId + "|" + kind, key -> ConcurrentHashMap.newKeySet())
                    .add(node.path("eventId").asString());
            ("ACKNOWLEDGEMENT".equals(kind) ? acknowledged : decisionEmailed).add(requestId);
            if (acknowledged.contains(requestId) && decisionEmailed.contains(requestId)) {
                emailedAt.putIfAbsent(requestId, now);
            }
        }));
    }

    private StoreCommands storeCommands;

    /** Counts the services' store commands in each stage from now on. */
    Pipeline countingStoreCommands(StoreCommands commands) {
        this.storeCommands = commands;
        return this;
    }

    private Map<String, Long> processes = Map.of();

    /** Measures the CPU of these processes (name → pid) in each stage. */
    Pipeline measuringCpuOf(Map<String, Long> processes) {
        this.processes = Map.copyOf(processes);
        return this;
    }

    private Map<String, Double> cpuNow() {
        Map<String, Double> cpu = new java.util.TreeMap<>();
        processes.forEach((name, pid) -> cpu.put(name, ProcessStats.cpuSeconds(pid)));
        return cpu;
    }

    StageResult run(int ratePerSecond, Duration duration, Duration drain) throws InterruptedException {
        Samples httpLatency = new Samples();
        List<String> stageRequests = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        AtomicInteger inFlight = new AtomicInteger();
        Map<String, Double> cpuBefore = cpuNow();
        double commandsBefore = storeCommands == null ? 0 : storeCommands.total();
        long start = System.nanoTime();
        long intervalNanos = 1_000_000_000L / ratePerSecond;
        long total = ratePerSecond * duration.toSeconds();
        AtomicLong sent = new AtomicLong();
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        ticker.scheduleAtFixedRate(() -> {
            long due = Math.min(total, (System.nanoTime() - start) / intervalNanos + 1);
            while (sent.get() < due) {
                long scheduled = start + sent.getAndIncrement() * intervalNanos;
                send(scheduled, httpLatency, stageRequests, accepted, errors, inFlight);
            }
        }, 0, 2, TimeUnit.MILLISECONDS);
        while (sent.get() < total) {
            Thread.sleep(50);
        }
        ticker.shutdown();
        long sendEnd = System.nanoTime();
        long deadline = sendEnd + drain.toNanos();
        while (System.nanoTime() < deadline && (inFlight.get() > 0 || done(stageRequests, emailedAt) < accepted.get())) {
            Thread.sleep(100);
        }
        Map<String, Double> cpu = new java.util.TreeMap<>();
        cpuNow().forEach((name, seconds) -> cpu.put(name, seconds - cpuBefore.getOrDefault(name, 0.0)));
        double commands = storeCommands == null ? 0 : storeCommands.total() - commandsBefore;
        return result(ratePerSecond, (int) total, accepted.get(), errors.get(), start, sendEnd, stageRequests,
                httpLatency, cpu, commands);
    }

    /**
     * A closed-loop burst: {@code connections} clients each send a request as soon as the previous one
     * was answered, for {@code duration}; then waits, up to {@code drain} from the burst's start, for every
     * accepted request to be decided and emailed. Rates count until the last decision or email.
     */
    StageResult burst(int connections, Duration duration, Duration drain) throws InterruptedException {
        Samples httpLatency = new Samples();
        List<String> stageRequests = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        AtomicInteger sent = new AtomicInteger();
        Map<String, Double> cpuBefore = cpuNow();
        double commandsBefore = storeCommands == null ? 0 : storeCommands.total();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            Thread client = new Thread(() -> {
                while (System.nanoTime() < end) {
                    long scheduled = System.nanoTime();
                    sent.incrementAndGet();
                    try {
                        HttpResponse<String> response = http.send(submission(), HttpResponse.BodyHandlers.ofString());
                        accept(response, scheduled, httpLatency, stageRequests, accepted, errors);
                    } catch (java.io.IOException e) {
                        errors.incrementAndGet();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }, "burst-client-" + c);
            client.setDaemon(true);
            client.start();
            clients.add(client);
        }
        for (Thread client : clients) {
            client.join();
        }
        long sendEnd = System.nanoTime();
        long deadline = start + drain.toNanos();
        while (System.nanoTime() < deadline && (done(stageRequests, emailedAt) < accepted.get()
                || done(stageRequests, decidedAt) < accepted.get())) {
            Thread.sleep(100);
        }
        Map<String, Double> cpu = new java.util.TreeMap<>();
        cpuNow().forEach((name, seconds) -> cpu.put(name, seconds - cpuBefore.getOrDefault(name, 0.0)));
        double commands = storeCommands == null ? 0 : storeCommands.total() - commandsBefore;
        return result(0, sent.get(), accepted.get(), errors.get(), start, sendEnd, stageRequests, httpLatency, cpu,
                commands);
    }

    private StageResult result(int ratePerSecond, int total, int acceptedCount, int errorCount, long start, long sendEnd,
                               List<String> stageRequests, Samples httpLatency, Map<String, Double> cpu,
                               double commands) {
        Samples decision = new Samples();
        Samples email = new Samples();
        long lastDecision = start;
        long lastEmail = start;
        List<String> requests;
        synchronized (stageRequests) {
            requests = List.copyOf(stageRequests);
        }
        for (String id : requests) {
            Long submitted = submittedAt.get(id);
            Long decided = decidedAt.get(id);
            Long emailed = emailedAt.get(id);
            if (decided != null) {
                decision.add((decided - submitted) / 1000);
                lastDecision = Math.max(lastDecision, decided);
            }
            if (emailed != null) {
                email.add((emailed - submitted) / 1000);
                lastEmail = Math.max(lastEmail, emailed);
            }
        }
        double sendSeconds = (sendEnd - start) / 1e9;
        return new StageResult(ratePerSecond, total, acceptedCount, errorCount,
                Floor.round(acceptedCount / sendSeconds),
                Floor.round(decision.count() / Math.max(sendSeconds, (lastDecision - start) / 1e9)),
                Floor.round(email.count() / Math.max(sendSeconds, (lastEmail - start) / 1e9)),
                decision.count(), email.count(),
                Floor.round(httpLatency.percentileMillis(50)), Floor.round(httpLatency.percentileMillis(95)),
                Floor.round(httpLatency.percentileMillis(99)),
                Floor.round(decision.percentileMillis(50)), Floor.round(decision.percentileMillis(95)),
                Floor.round(decision.percentileMillis(99)),
                Floor.round(email.percentileMillis(50)), Floor.round(email.percentileMillis(95)),
                Floor.round(email.percentileMillis(99)),
                Floor.round(acceptedCount == 0 ? 0 : cpu.values().stream().mapToDouble(Double::doubleValue).sum()
                        / acceptedCount * 1000),
                Floor.round(acceptedCount == 0 ? 0 : commands / acceptedCount),
                perThousand(cpu, acceptedCount), duplicates(requests));
    }

    private int duplicates(List<String> requests) {
        Set<String> ids = Set.copyOf(requests);
        return sends.entrySet().stream()
                .filter(entry -> ids.contains(entry.getKey().substring(0, entry.getKey().indexOf('|'))))
                .mapToInt(entry -> entry.getValue().size() - 1).sum();
    }

    private static Map<String, Double> perThousand(Map<String, Double> cpu, int accepted) {
        Map<String, Double> per = new java.util.TreeMap<>();
        cpu.forEach((name, seconds) -> per.put(name, Floor.round(accepted == 0 ? 0 : seconds / accepted * 1000)));
        return per;
    }

    private static int done(List<String> requests, Map<String, Long> completions) {
        synchronized (requests) {
            return (int) requests.stream().filter(completions::containsKey).count();
        }
    }

    private void send(long scheduled, Samples latency, List<String> stageRequests, AtomicInteger accepted,
                      AtomicInteger errors, AtomicInteger inFlight) {
        inFlight.incrementAndGet();
        http.sendAsync(submission(), HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
            inFlight.decrementAndGet();
            if (failure != null) {
                errors.incrementAndGet();
                return;
            }
            accept(response, scheduled, latency, stageRequests, accepted, errors);
        });
    }

    private HttpRequest submission() {
        return HttpRequest.newBuilder(URI.create(intakeUrl + "/api/v1/access-requests"))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(RequestBodies.next(sequence.incrementAndGet()))).build();
    }

    private void accept(HttpResponse<String> response, long scheduled, Samples latency, List<String> stageRequests,
                        AtomicInteger accepted, AtomicInteger errors) {
        long now = System.nanoTime();
        if (response.statusCode() != 202) {
            errors.incrementAndGet();
            return;
        }
        latency.add((now - scheduled) / 1000);
        String id = JSON.readTree(response.body()).get("requestId").asString();
        submittedAt.put(id, scheduled);
        stageRequests.add(id);
        accepted.incrementAndGet();
    }

    private interface Handler {
        void handle(JsonNode event, long receivedNanos);
    }

    private Thread watch(String bootstrap, String topic, Handler handler) {
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false));
        List<TopicPartition> partitions = new ArrayList<>();
        for (int attempt = 0; attempt < 50 && partitions.isEmpty(); attempt++) {
            consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        Thread thread = new Thread(() -> {
            try (consumer) {
                while (watching.get()) {
                    for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                        long now = System.nanoTime();
                        try {
                            handler.handle(JSON.readTree(record.value()), now);
                        } catch (RuntimeException ignored) {
                            // not an event of ours: the benchmark only counts what it can read
                        }
                    }
                }
            }
        }, "watch-" + topic);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    @Override
    public void close() throws InterruptedException {
        httpThreads.shutdownNow();
        watching.set(false);
        for (Thread watcher : watchers) {
            watcher.join(5_000);
        }
    }
}
