package fr.caf38.cdap.benchmark;

import fr.caf38.cdap.localstack.LocalStack;
import fr.caf38.cdap.localstack.StackPorts;
import fr.caf38.cdap.localstack.store.StoreTuning;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One command measures, in the same run on the same machine: the floor (raw Kafka, raw store) and
 * the whole pipeline at increasing arrival rates until saturation. Prints a Markdown table and
 * writes JSON, Markdown and a PNG chart into {@code results/<time>/}.
 *
 * <p>Options (system properties): {@code rates} (comma-separated, per second), {@code stageSeconds},
 * {@code warmupSeconds}, {@code quick} (smaller floor runs).
 */
public final class Benchmark {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Benchmark.class);

    private Benchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        Path out = root.resolve("results").resolve(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        List<String> parts = Arrays.stream(System.getProperty("parts", "floor,ramp,history").split(","))
                .map(String::trim).toList();
        List<Integer> rates = Arrays.stream(System.getProperty("rates", "50,100,200,300,400,600,800,1000,1200").split(","))
                .map(String::trim).map(Integer::parseInt).toList();
        Duration stage = Duration.ofSeconds(Long.getLong("stageSeconds", 20));
        Duration warmup = Duration.ofSeconds(Long.getLong("warmupSeconds", 30));
        boolean quick = Boolean.getBoolean("quick");

        log.info("Starting the local stack on free ports (data and logs in {}) ...", out.resolve("stack"));
        // The services run with the JVM options of ./run-local, so the figures are the local stack's.
        try (LocalStack stack = LocalStack.start(new LocalStack.Options(root, out.resolve("stack"), StackPorts.free(),
                LocalStack.Options.local(root).serviceJvmOptions(), Map.of()))) {
            String bootstrap = "127.0.0.1:" + stack.ports().kafka();
            String mongoUri = stack.storeUri("intake");
            Map<String, Object> floor = new LinkedHashMap<>();
            if (parts.contains("floor")) {
                floor.putAll(new Floor(bootstrap, mongoUri).measure(quick));
                floor.putAll(new SmtpFloor(stack.ports().smtp()).measure(quick));
                floor.putAll(MvcFloor.measure(quick));
            }
            if (!floor.isEmpty()) {
                log.info("Floor: {}", floor);
            }
            List<String> processes = stack.processNames();
            Map<String, Long> pids = new LinkedHashMap<>();
            processes.forEach(name -> pids.put(name, stack.process(name).pid()));
            StoreCommands commands = new StoreCommands(List.of(stack.intakeUrl(), stack.eligibilityUrl(),
                    stack.notificationUrl()));
            List<Report.Section> sections = new ArrayList<>();
            List<Pipeline.StageResult> ramp = new ArrayList<>();
            Map<String, Object> json = new LinkedHashMap<>();
            try (Pipeline pipeline = new Pipeline(stack.intakeUrl(), bootstrap).countingStoreCommands(commands)
                    .measuringCpuOf(pids)) {
                log.info("Pipeline: warming up for {} s ...", warmup.toSeconds());
                pipeline.run(50, warmup, Duration.ofSeconds(20));
                if (parts.contains("ramp")) {
                    for (int rate : rates) {
                        log.info("Pipeline: {} requests/s for {} s ...", rate, stage.toSeconds());
                        Pipeline.StageResult result = pipeline.run(rate, stage, Duration.ofSeconds(30));
                        ramp.add(result);
                        log.info("  {}", result);
                        if (saturated(result)) {
                            log.info("  saturated: stopping the ramp");
                            break;
                        }
                    }
                    sections.add(new Report.Section("Pipeline (open-loop HTTP load; latencies in ms from the scheduled send)",
                            ramp.stream().map(r -> r.offeredPerSecond() + "/s").toList(), ramp, null));
                    json.put("stages", ramp);
                }
                if (parts.contains("history")) {
                    Report.Section history = history(pipeline, stage, stack::storeUri);
                    sections.add(history);
                    json.put("history", Map.of("stages", history.stages(), "note", history.note()));
                }
                if (parts.contains("bursts")) {
                    Report.Section bursts = bursts(pipeline);
                    sections.add(bursts);
                    json.put("bursts", Map.of("stages", bursts.stages(), "note", bursts.note()));
                }
            }
            Map<String, Double> rss = new LinkedHashMap<>();
            processes.forEach(name -> rss.put(name, ProcessStats.residentMiB(stack.process(name).pid())));
            String verdict = verdict(floor, ramp, sections, rss);
            json.put("machine", Map.of("cores", Runtime.getRuntime().availableProcessors(),
                    "java", System.getProperty("java.version"),
                    "storeLayout", System.getProperty("cdap.store.layout", "shared"),
                    "storeCacheMiB", StoreTuning.fromSystemProperties().cacheMiB(),
                    "storeCompactFillRate", StoreTuning.fromSystemProperties().compactFillRate()));
            json.put("floor", floor);
            json.put("residentMiB", rss);
            json.put("verdict", verdict);
            String markdown = Report.markdown(floor, sections, rss, verdict);
            Report.write(out, json, markdown, ramp, sections);
            // The table is the command's output.
            System.out.println(markdown);
            log.info("Results in {}", out);
        }
    }

    /**
     * The same open-loop rate before and after {@code historyRequests} requests' worth of documents are
     * added to the stores: a request's cost must not grow with what is stored.
     */
    private static Report.Section history(Pipeline pipeline, Duration stage,
                                          java.util.function.Function<String, String> storeUri)
            throws InterruptedException {
        int rate = Integer.getInteger("historyRate", 100);
        int requests = Integer.getInteger("historyRequests", 100_000);
        log.info("History: {} requests/s for {} s on the store as it is ...", rate, stage.toSeconds());
        Pipeline.StageResult before = pipeline.run(rate, stage, Duration.ofSeconds(60));
        log.info("  {}", before);
        log.info("History: adding {} requests' worth of documents straight into the stores ...", requests);
        long started = System.nanoTime();
        Map<String, Long> inserted = new HistoryPreload(storeUri).preload(requests);
        long preloadSeconds = (System.nanoTime() - started) / 1_000_000_000;
        log.info("History: {} s to preload {}; {} requests/s for {} s again ...", preloadSeconds, inserted, rate,
                stage.toSeconds());
        Pipeline.StageResult after = pipeline.run(rate, stage, Duration.ofSeconds(60));
        log.info("  {}", after);
        String note = String.format(Locale.ROOT, "Preloaded straight into the stores, in the services' own formats "
                        + "(copies of the documents the pipeline stored, with fresh ids): %s in %d s. After / before: "
                        + "emailed/s %.2f, decided/s %.2f, CPU per request %.2f, store commands per request %.2f, "
                        + "submit→email p99 %.2f.", inserted, preloadSeconds,
                ratio(after.emailedPerSecond(), before.emailedPerSecond()),
                ratio(after.decidedPerSecond(), before.decidedPerSecond()),
                ratio(after.cpuSecondsPer1000(), before.cpuSecondsPer1000()),
                ratio(after.storeCommandsPerRequest(), before.storeCommandsPerRequest()),
                ratio(after.emailP99(), before.emailP99()));
        return new Report.Section(String.format(Locale.ROOT, "History: %d requests/s before and after %,d stored requests",
                rate, requests), List.of("empty store", "after the preload"), List.of(before, after), note);
    }

    /**
     * Closed-loop bursts back to back ({@code bursts} × {@code burstSeconds} s, {@code connections}
     * clients): each must be decided and emailed in full within {@code burstDrainSeconds} of its start.
     */
    private static Report.Section bursts(Pipeline pipeline) throws InterruptedException {
        int count = Integer.getInteger("bursts", 4);
        int connections = Integer.getInteger("connections", 32);
        Duration duration = Duration.ofSeconds(Long.getLong("burstSeconds", 30));
        Duration drain = Duration.ofSeconds(Long.getLong("burstDrainSeconds", 180));
        List<Pipeline.StageResult> results = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            log.info("Burst {} of {}: {} connections for {} s ...", i, count, connections, duration.toSeconds());
            Pipeline.StageResult result = pipeline.burst(connections, duration, drain);
            log.info("  {}", result);
            results.add(result);
            names.add("burst " + i);
        }
        int accepted = results.stream().mapToInt(Pipeline.StageResult::accepted).sum();
        boolean full = results.stream().allMatch(r -> r.decided() == r.accepted() && r.emailed() == r.accepted());
        String note = String.format(Locale.ROOT, "%d requests accepted in all; every burst decided and emailed in full "
                        + "within %d s of its start: %s; last burst's decided/s over the first's: %.2f.",
                accepted, drain.toSeconds(), full ? "yes" : "NO",
                ratio(results.get(results.size() - 1).decidedPerSecond(), results.get(0).decidedPerSecond()));
        return new Report.Section(String.format(Locale.ROOT, "Closed-loop bursts (%d connections, %d s each, back to back)",
                connections, duration.toSeconds()), names, results, note);
    }

    private static double ratio(double after, double before) {
        return before == 0 ? Double.NaN : Math.round(after / before * 100) / 100.0;
    }

    /** Saturated: the system no longer keeps up with what is offered. */
    static boolean saturated(Pipeline.StageResult r) {
        return r.acceptedPerSecond() < 0.9 * r.offeredPerSecond()
                || r.decided() < 0.98 * r.accepted()
                || r.emailed() < 0.98 * r.accepted()
                || r.decisionP99() > 5_000;
    }

    /**
     * Each target of the issue "Throughput at the floor", met or not, with the figure. The floor of a
     * request is its slowest stage measured alone, in requests/s: a validated MVC POST; Kafka records
     * over the 4 a request makes (submitted, decided, two emails' notices); SMTP with a reused
     * connection over the 2 emails of a request.
     */
    static String verdict(Map<String, Object> floor, List<Pipeline.StageResult> ramp, List<Report.Section> sections,
                          Map<String, Double> rss) {
        StringBuilder v = new StringBuilder("## Verdict against the targets\n\n");
        Pipeline.StageResult best = ramp.stream().filter(s -> !saturated(s))
                .max((a, b) -> Double.compare(a.emailedPerSecond(), b.emailedPerSecond())).orElse(null);
        double bestRate = best == null ? 0 : Math.min(best.decidedPerSecond(), best.emailedPerSecond());
        if (!ramp.isEmpty()) {
            line(v, bestRate >= 1000, String.format(Locale.ROOT, "1,000 requests/s decided and emailed (goal): "
                    + "highest sustained %.0f/s (offered %s)", bestRate, best == null ? "-" : best.offeredPerSecond() + "/s"));
            line(v, bestRate >= 500, String.format(Locale.ROOT, "at least 500/s: %.0f/s", bestRate));
            ramp.stream().filter(s -> s.offeredPerSecond() == 500).findFirst().ifPresentOrElse(at500 -> {
                line(v, at500.decisionP99() <= 250 && !saturated(at500), String.format(Locale.ROOT,
                        "p99 submit→decision ≤ 250 ms at 500/s offered: %.0f ms", at500.decisionP99()));
                line(v, at500.httpP99() <= 50 && !saturated(at500), String.format(Locale.ROOT,
                        "HTTP p99 ≤ 50 ms at 500/s offered: %.0f ms", at500.httpP99()));
            }, () -> v.append("- (no stage at 500/s offered: the ramp stopped before, saturated)\n"));
            Pipeline.StageResult cheapest = best != null ? best : ramp.get(0);
            line(v, cheapest.cpuSecondsPer1000() <= 2, String.format(Locale.ROOT,
                    "CPU ≤ 2 core-seconds per 1,000 requests: %.1f (at %d/s offered)", cheapest.cpuSecondsPer1000(),
                    cheapest.offeredPerSecond()));
            line(v, cheapest.storeCommandsPerRequest() <= 4, String.format(Locale.ROOT,
                    "store commands per request ≤ 4: %.1f (at %d/s offered)", cheapest.storeCommandsPerRequest(),
                    cheapest.offeredPerSecond()));
            if (floor.containsKey("springMvcValidatedPostsPerSecond")) {
                double slowest = Math.min(number(floor, "springMvcValidatedPostsPerSecond"),
                        Math.min(number(floor, "kafkaRecordsPerSecond") / 4,
                                number(floor, "smtpMessagesPerSecondReusedConnection") / 2));
                line(v, bestRate >= 0.5 * slowest, String.format(Locale.ROOT,
                        "pipeline ≥ 0.5 of the slowest stage's floor (%.0f requests/s): %.2f", slowest,
                        slowest == 0 ? 0 : bestRate / slowest));
            }
        }
        double resident = rss.values().stream().mapToDouble(Double::doubleValue).sum();
        line(v, resident <= 2048, String.format(Locale.ROOT, "whole local stack ≤ 2 GiB resident after the run: %.0f MiB",
                resident));
        for (Report.Section section : sections) {
            if (section.title().startsWith("Closed-loop")) {
                // The end-to-end rate: accepted requests over the time until the last of their emails.
                for (int i = 0; i < section.stages().size(); i++) {
                    Pipeline.StageResult burst = section.stages().get(i);
                    boolean complete = burst.emailed() == burst.accepted() && burst.errors() == 0;
                    line(v, complete && burst.emailedPerSecond() >= 500, String.format(Locale.ROOT,
                            "%s, %s: %.0f requests/s end to end (accepted over the time to the last email), "
                                    + "%d accepted, %d fully emailed, %d HTTP errors", section.title(),
                            section.names().get(i), burst.emailedPerSecond(), burst.accepted(), burst.emailed(),
                            burst.errors()));
                }
            }
        }
        int duplicates = sections.stream().flatMap(section -> section.stages().stream())
                .mapToInt(Pipeline.StageResult::duplicateEmails).sum();
        line(v, duplicates == 0, String.format(Locale.ROOT, "duplicate partner emails (no process was killed, "
                + "so any is a defect): %d", duplicates));
        for (Report.Section section : sections) {
            if (section.note() != null && section.title().startsWith("History")) {
                Pipeline.StageResult before = section.stages().get(0);
                Pipeline.StageResult after = section.stages().get(1);
                boolean within = after.emailedPerSecond() >= 0.9 * before.emailedPerSecond()
                        && after.cpuSecondsPer1000() <= 1.1 * before.cpuSecondsPer1000();
                line(v, within, String.format(Locale.ROOT, "after 100,000 stored requests, throughput and CPU per "
                                + "request within 10 %% of an empty store: emailed/s %.1f → %.1f, CPU s/1000 %.1f → %.1f",
                        before.emailedPerSecond(), after.emailedPerSecond(), before.cpuSecondsPer1000(),
                        after.cpuSecondsPer1000()));
                line(v, after.storeCommandsPerRequest() <= 12, String.format(Locale.ROOT,
                        "store commands per request ≤ 12 (all services): %.1f before, %.1f after",
                        before.storeCommandsPerRequest(), after.storeCommandsPerRequest()));
            }
        }
        return v.toString();
    }

    private static void line(StringBuilder v, boolean met, String text) {
        v.append("- ").append(met ? "met" : "**not met**").append(": ").append(text).append("\n");
    }

    private static double number(Map<String, Object> floor, String key) {
        return floor.get(key) instanceof Number n ? n.doubleValue() : 0;
    }
}
