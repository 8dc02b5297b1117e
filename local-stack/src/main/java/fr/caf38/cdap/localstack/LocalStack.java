package fr.caf38.cdap.localstack;

import fr.caf38.cdap.localstack.store.StoreTuning;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * The whole system on one machine with only a JDK: a Kafka broker, the MongoDB-wire store (on disk),
 * GreenMail and the three services, each in its own process. Used by {@code ./run-local} and by the
 * end-to-end tests (on free ports).
 */
public final class LocalStack implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LocalStack.class);
    private static final Duration INFRA_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration SERVICE_TIMEOUT = Duration.ofSeconds(180);
    /** The launcher's own logging set-up (test-infrastructure also ships a logback-test.xml). */
    static final String LOGGING = "-Dlogback.configurationFile=local-stack-logback.xml";

    /**
     * @param root               the repository's root (where each service's jar is built)
     * @param dataDir            where the broker and the store keep their data, and the processes their logs
     * @param ports              the ports of every process
     * @param serviceJvmOptions  JVM options of each service process
     * @param serviceProperties  extra Spring properties given to every service
     * @param instances          instances of each service (the second and next on ports of their own,
     *                           in the same consumer groups, so they share the topics' partitions)
     */
    public record Options(Path root, Path dataDir, StackPorts ports, List<String> serviceJvmOptions,
                          Map<String, String> serviceProperties, int instances) {
        public Options(Path root, Path dataDir, StackPorts ports, List<String> serviceJvmOptions,
                       Map<String, String> serviceProperties) {
            this(root, dataDir, ports, serviceJvmOptions, serviceProperties, 1);
        }

        public Options withInstances(int count) {
            return new Options(root, dataDir, ports, serviceJvmOptions, serviceProperties, count);
        }

        public static Options local(Path root) {
            return new Options(root, root.resolve(".local-stack"), StackPorts.fixed(),
                    JvmSizing.service(), Map.of());
        }
    }

    /**
     * {@code shared}: one store process holds the three services' databases (the default: measured
     * faster and lighter on this 2-core machine, see the README); {@code per-service}: one each.
     */
    static final String STORE_LAYOUT = System.getProperty("cdap.store.layout", "shared");
    /** The H2 file's page cache and compaction per store process, handed on to each. */
    static final StoreTuning STORE_TUNING = StoreTuning.fromSystemProperties();
    private static final Map<String, String> DATABASES = Map.of("intake-service", "intake",
            "eligibility-service", "eligibility", "notification-service", "notification");

    private final Options options;
    /** The store processes and their ports: "store", or one per service's database. */
    private final Map<String, Integer> storePorts = new LinkedHashMap<>();
    private final java.util.Set<Path> snapshots = new java.util.HashSet<>();
    private int instances;
    /** Each service instance's HTTP port, by process name. */
    private final Map<String, Integer> servicePorts = new LinkedHashMap<>();
    private final String trackingSecret;
    private final Map<String, StackProcess> processes = new LinkedHashMap<>();
    private final List<String> crashes = new ArrayList<>();

    private LocalStack(Options options) {
        this.options = options;
        boolean existing = Files.isDirectory(options.dataDir().resolve("store"));
        this.trackingSecret = trackingSecret(options.dataDir());
        StackLayout.bringUpToDate(options.dataDir(), existing);
        if (STORE_LAYOUT.equals("per-service")) {
            boolean fixed = options.ports().equals(StackPorts.fixed());
            int next = options.ports().store();
            for (String database : List.of("intake", "eligibility", "notification")) {
                storePorts.put("store-" + database, next);
                next = fixed ? next + 1 : fr.caf38.cdap.testinfra.FreePorts.next();
            }
        } else if (STORE_LAYOUT.equals("shared")) {
            storePorts.put("store", options.ports().store());
        } else {
            throw new IllegalArgumentException("cdap.store.layout is shared or per-service, not " + STORE_LAYOUT);
        }
    }

    /** The store that holds one database. */
    public String storeUri(String database) {
        Integer port = storePorts.getOrDefault("store-" + database, storePorts.get("store"));
        return "mongodb://127.0.0.1:" + port;
    }

    /** The base URL of one service process ("intake-service", "intake-service-2", ...). */
    public String url(String process) {
        Integer port = servicePorts.get(process);
        if (port == null) {
            throw new IllegalArgumentException("no service process named " + process + "; known: " + servicePorts.keySet());
        }
        return "http://127.0.0.1:" + port;
    }

    /** Every process of the stack, in start order. */
    public List<String> processNames() {
        return List.copyOf(processes.keySet());
    }

    /** Starts every process and waits until each is ready. */
    public static LocalStack start(Options options) {
        LocalStack stack = new LocalStack(options);
        try {
            stack.startAll();
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
        return stack;
    }

    private void startAll() {
        StackPorts ports = options.ports();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = System.getProperty("java.class.path");
        String self = Long.toString(ProcessHandle.current().pid());
        Path data = options.dataDir();

        add("kafka", command(java, JvmSizing.kafka(), LOGGING, "-cp", classPath, KafkaMain.class.getName(),
                Integer.toString(ports.kafka()), data.resolve("kafka").toString(), self),
                () -> Probes.accepts(ports.kafka()));
        for (var store : storePorts.entrySet()) {
            int port = store.getValue();
            add(store.getKey(), command(java,
                    Stream.concat(JvmSizing.store().stream(), STORE_TUNING.asSystemProperties().stream()).toList(),
                    LOGGING, "-cp",
                    classPath, StoreMain.class.getName(), Integer.toString(port),
                    data.resolve("store").resolve(store.getKey().equals("store") ? "cdap.mv" : store.getKey() + ".mv").toString(),
                    self), () -> Probes.accepts(port));
        }
        add("mail", command(java, JvmSizing.mail(), LOGGING, "-cp", classPath, MailMain.class.getName(),
                Integer.toString(ports.smtp()), Integer.toString(ports.imap()), self),
                () -> Probes.accepts(ports.smtp()) && Probes.accepts(ports.imap()));
        List<String> infrastructure = new ArrayList<>(List.of("kafka", "mail"));
        infrastructure.addAll(storePorts.keySet());
        startTogether(infrastructure, INFRA_TIMEOUT);

        startInstances(1, options.instances());
    }

    /**
     * Starts instances {@code from}..{@code to} of every service, together, and waits until each is
     * ready. Instances beyond the first get ports of their own.
     */
    private void startInstances(int from, int to) {
        StackPorts ports = options.ports();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String self = Long.toString(ProcessHandle.current().pid());
        boolean fixed = ports.equals(StackPorts.fixed());
        List<String> services = new ArrayList<>();
        for (int instance = from; instance <= to; instance++) {
            for (var service : Map.of("intake-service", ports.intake(), "eligibility-service", ports.eligibility(),
                    "notification-service", ports.notification()).entrySet().stream()
                    .sorted(Map.Entry.comparingByValue()).toList()) {
                String name = instance == 1 ? service.getKey() : service.getKey() + "-" + instance;
                int port = instance == 1 ? service.getValue()
                        : fixed ? service.getValue() + 10 * (instance - 1) : fr.caf38.cdap.testinfra.FreePorts.next();
                service(name, service.getKey(), port, java, self);
                servicePorts.put(name, port);
                services.add(name);
            }
        }
        startTogether(services, SERVICE_TIMEOUT);
        instances = Math.max(instances, to);
    }

    /** Starts more instances of every service, up to {@code count} of each; returns the new processes' names. */
    public synchronized List<String> scaleTo(int count) {
        int before = instances;
        startInstances(before + 1, count);
        List<String> started = new ArrayList<>();
        for (int instance = before + 1; instance <= count; instance++) {
            for (String service : List.of("intake-service", "eligibility-service", "notification-service")) {
                started.add(service + "-" + instance);
            }
        }
        return started;
    }

    private void service(String name, String service, int port, String java, String self) {
        StackPorts ports = options.ports();
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(options.serviceJvmOptions());
        command.addAll(List.of("-jar", snapshot(serviceJar(service)).toString(),
                "--spring.profiles.active=local",
                "--server.port=" + port,
                "--spring.mongodb.uri=" + storeUri(DATABASES.get(service)) + JvmSizing.storeUriOptions(),
                "--spring.cloud.stream.kafka.binder.brokers=127.0.0.1:" + ports.kafka(),
                "--spring.mail.host=127.0.0.1",
                "--spring.mail.port=" + ports.smtp(),
                "--cdap.tracking.secret=" + trackingSecret,
                "--cdap.notification.public-base-url=http://127.0.0.1:" + ports.intake(),
                "--cdap.notification.agents-base-url=http://127.0.0.1:" + ports.eligibility(),
                "--cdap.parent-pid=" + self));
        JvmSizing.serviceProperties().forEach((key, value) -> command.add("--" + key + "=" + value));
        options.serviceProperties().forEach((key, value) -> command.add("--" + key + "=" + value));
        add(name, command, () -> Probes.answers200("http://127.0.0.1:" + port + "/actuator/health/readiness"));
    }

    private static List<String> command(String java, List<String> jvmOptions, String... rest) {
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(jvmOptions);
        command.addAll(List.of(rest));
        return command;
    }

    private void add(String name, List<String> command, java.util.function.BooleanSupplier readiness) {
        processes.put(name, new StackProcess(name, command, options.dataDir().resolve("logs").resolve(name + ".log"),
                readiness, this::crashed));
    }

    private void startTogether(List<String> names, Duration timeout) {
        names.forEach(name -> processes.get(name).start());
        CompletableFuture<?>[] waits = names.stream()
                .map(name -> CompletableFuture.runAsync(() -> processes.get(name).awaitReady(timeout)))
                .toArray(CompletableFuture[]::new);
        CompletableFuture.allOf(waits).join();
    }

    private void crashed(StackProcess process) {
        String message = process.name() + " stopped unexpectedly (see " + process.logFile() + ")";
        synchronized (crashes) {
            crashes.add(message);
        }
        log.error("✗ {}", message);
    }

    /** Processes that exited without being asked to, since the start. */
    public List<String> crashes() {
        synchronized (crashes) {
            return List.copyOf(crashes);
        }
    }

    public StackProcess process(String name) {
        StackProcess process = processes.get(name);
        if (process == null) {
            throw new IllegalArgumentException("no process named " + name + "; known: " + processes.keySet());
        }
        return process;
    }

    public StackPorts ports() {
        return options.ports();
    }

    public String intakeUrl() {
        return "http://127.0.0.1:" + options.ports().intake();
    }

    public String eligibilityUrl() {
        return "http://127.0.0.1:" + options.ports().eligibility();
    }

    public String notificationUrl() {
        return "http://127.0.0.1:" + options.ports().notification();
    }

    public String trackingSecret() {
        return trackingSecret;
    }

    /** Stops every process, services first. */
    @Override
    public void close() {
        List<StackProcess> reversed = new ArrayList<>(processes.values());
        java.util.Collections.reverse(reversed);
        reversed.forEach(StackProcess::stop);
    }

    private Path serviceJar(String name) {
        Path target = options.root().resolve(name).resolve("target");
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(file -> file.getFileName().toString().matches(name + "-.*\\.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no jar in " + target + ": build first (./mvnw -DskipTests install)"));
        } catch (IOException e) {
            throw new IllegalStateException("no " + target + ": build first (./mvnw -DskipTests install)", e);
        }
    }

    /**
     * Runs a copy of the service's jar kept with the stack's data, so rebuilding the project while the
     * stack runs (or restarts a service) cannot pull a jar from under a running JVM.
     */
    private Path snapshot(Path jar) {
        try {
            Path folder = Files.createDirectories(options.dataDir().resolve("jars"));
            Path copy = folder.resolve(jar.getFileName());
            // Copied once per start: a second instance of the service runs from the same copy.
            if (snapshots.add(copy)) {
                Files.copy(jar, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException("could not copy " + jar, e);
        }
    }

    /** The tracking-token key, generated once and kept with the stack's data so links stay valid across restarts. */
    private static String trackingSecret(Path dataDir) {
        Path file = dataDir.resolve("tracking.secret");
        try {
            if (Files.exists(file)) {
                return Files.readString(file).trim();
            }
            Files.createDirectories(dataDir);
            byte[] key = new byte[32];
            new java.security.SecureRandom().nextBytes(key);
            String secret = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(key);
            Files.writeString(file, secret);
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void main(String[] args) throws InterruptedException {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        Options options = Options.local(root);
        log.info("Starting the local stack (data and logs in {}) ...", options.dataDir());
        long start = System.nanoTime();
        LocalStack stack = start(options);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("Stopping the local stack ...");
            stack.close();
            log.info("Stopped.");
        }, "local-stack-shutdown"));
        StackPorts p = options.ports();
        log.info("""

                ✓ Everything is up in {} s. Ctrl+C stops it all.

                  Partners   http://127.0.0.1:{}/   API http://127.0.0.1:{}/api/v1/access-requests   Swagger http://127.0.0.1:{}/swagger-ui.html
                  Agents     http://127.0.0.1:{}/   API http://127.0.0.1:{}/api/v1/decisions   login agent / agent   Swagger http://127.0.0.1:{}/swagger-ui.html
                  Emails     API http://127.0.0.1:{}/api/v1/notifications (agent / agent)   Swagger http://127.0.0.1:{}/swagger-ui.html
                  Mailboxes  SMTP 127.0.0.1:{}, IMAP 127.0.0.1:{} (login = password = the address)
                  Kafka      127.0.0.1:{}    MongoDB-wire store  mongodb://127.0.0.1:{}
                  Logs       {}
                """, (System.nanoTime() - start) / 1_000_000_000, p.intake(), p.intake(), p.intake(),
                p.eligibility(), p.eligibility(), p.eligibility(), p.notification(), p.notification(),
                p.smtp(), p.imap(), p.kafka(), p.store(), options.dataDir().resolve("logs"));
        Thread.currentThread().join();
    }
}
