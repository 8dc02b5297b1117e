package fr.caf38.cdap.benchmark;

import fr.caf38.cdap.localstack.LocalStack;
import fr.caf38.cdap.localstack.StackPorts;

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
    private static final List<String> PROCESSES = List.of("kafka", "store", "mail", "intake-service",
            "eligibility-service", "notification-service");

    private Benchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        Path out = root.resolve("results").resolve(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        List<Integer> rates = Arrays.stream(System.getProperty("rates", "50,100,200,300,400,600,800,1000,1200").split(","))
                .map(String::trim).map(Integer::parseInt).toList();
        Duration stage = Duration.ofSeconds(Long.getLong("stageSeconds", 20));
        Duration warmup = Duration.ofSeconds(Long.getLong("warmupSeconds", 30));
        boolean quick = Boolean.getBoolean("quick");

        log.info("Starting the local stack on free ports (data and logs in {}) ...", out.resolve("stack"));
        try (LocalStack stack = LocalStack.start(new LocalStack.Options(root, out.resolve("stack"), StackPorts.free(),
                List.of("-Xmx768m", "-XX:+UseParallelGC"), Map.of()))) {
            String bootstrap = "127.0.0.1:" + stack.ports().kafka();
            Map<String, Object> floor = new Floor(bootstrap, "mongodb://127.0.0.1:" + stack.ports().store()).measure(quick);
            log.info("Floor: {}", floor);

            List<Long> pids = PROCESSES.stream().map(name -> stack.process(name).pid()).toList();
            List<Pipeline.StageResult> stages = new ArrayList<>();
            try (Pipeline pipeline = new Pipeline(stack.intakeUrl(), bootstrap)) {
                log.info("Pipeline: warming up for {} s ...", warmup.toSeconds());
                pipeline.run(50, warmup, Duration.ofSeconds(20), pids);
                for (int rate : rates) {
                    log.info("Pipeline: {} requests/s for {} s ...", rate, stage.toSeconds());
                    Pipeline.StageResult result = pipeline.run(rate, stage, Duration.ofSeconds(30), pids);
                    stages.add(result);
                    log.info("  {}", result);
                    if (saturated(result)) {
                        log.info("  saturated: stopping the ramp");
                        break;
                    }
                }
            }
            Map<String, Double> rss = new LinkedHashMap<>();
            PROCESSES.forEach(name -> rss.put(name, ProcessStats.residentMiB(stack.process(name).pid())));
            String verdict = verdict(floor, stages);
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("machine", Map.of("cores", Runtime.getRuntime().availableProcessors(),
                    "java", System.getProperty("java.version")));
            json.put("floor", floor);
            json.put("stages", stages);
            json.put("residentMiB", rss);
            json.put("verdict", verdict);
            String markdown = Report.markdown(floor, stages, rss, verdict);
            Report.write(out, json, markdown, stages);
            // The table is the command's output.
            System.out.println(markdown);
            log.info("Results in {}", out);
        }
    }

    /** Saturated: the system no longer keeps up with what is offered. */
    static boolean saturated(Pipeline.StageResult r) {
        return r.acceptedPerSecond() < 0.9 * r.offeredPerSecond()
                || r.decided() < 0.98 * r.accepted()
                || r.emailed() < 0.98 * r.accepted()
                || r.decisionP99() > 5_000;
    }

    private static String verdict(Map<String, Object> floor, List<Pipeline.StageResult> stages) {
        Pipeline.StageResult best = stages.stream().filter(s -> !saturated(s))
                .max((a, b) -> Double.compare(a.emailedPerSecond(), b.emailedPerSecond())).orElse(null);
        double floorSlowest = Math.min(((Number) floor.get("kafkaRecordsPerSecond")).doubleValue(),
                ((Number) floor.get("storeInsertsPerSecond1Thread")).doubleValue());
        if (best == null) {
            return "No stage kept up with its offered rate.";
        }
        return String.format(Locale.ROOT, "Highest rate sustained end to end: %.0f decided/s and %.0f emailed/s "
                        + "(offered %d/s). Pipeline / floor's slowest stage (%.0f/s): %.2f. Targets: ≥ 1000/s end to end; "
                        + "p99 submit→decision < 250 ms at half saturation; ratio ≥ 0.5.",
                best.decidedPerSecond(), best.emailedPerSecond(), best.offeredPerSecond(), floorSlowest,
                best.emailedPerSecond() / floorSlowest);
    }
}
