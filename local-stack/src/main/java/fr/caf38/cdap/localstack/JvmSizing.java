package fr.caf38.cdap.localstack;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * How each process of the local stack is sized on a 2-core machine that runs all seven of them. The
 * defaults are the ones that measured best (README, "JVM sizing, measured"): the services on the
 * serial collector with 512 MiB heaps, Kafka and the store on the JVM's default collector with
 * 768 MiB, the mail server 256 MiB, and the default pools (200 Tomcat threads, 100 store connections
 * per instance). Capping heaps lower and shrinking the pools cut resident memory from about 3.3 to
 * 2.1 GiB but halved the closed-loop throughput and raised CPU per request by 40 %, so they are not
 * the default.
 *
 * Each list can be replaced for a measurement with a system property of the launcher:
 * {@code -Dcdap.jvm.kafka="-Xmx256m -XX:+UseSerialGC"}, {@code cdap.jvm.store}, {@code cdap.jvm.mail},
 * {@code cdap.jvm.service}; {@code -Dcdap.service.tomcatThreads=32}, {@code -Dcdap.service.storePool=16}.
 */
public final class JvmSizing {

    private JvmSizing() {
    }

    static List<String> kafka() {
        return options("kafka", "-Xmx768m");
    }

    static List<String> store() {
        return options("store", "-Xmx768m");
    }

    static List<String> mail() {
        return options("mail", "-Xmx256m");
    }

    /** The JVM options of every service instance. */
    public static List<String> service() {
        return options("service", "-Xmx512m", "-XX:+UseSerialGC");
    }

    /**
     * Spring properties of every service instance for a measurement of its pools: only those asked
     * for ({@code -Dcdap.service.tomcatThreads}); otherwise Boot's defaults stand.
     */
    static Map<String, String> serviceProperties() {
        Integer threads = Integer.getInteger("cdap.service.tomcatThreads");
        return threads == null ? Map.of() : Map.of("server.tomcat.threads.max", threads.toString());
    }

    /**
     * The store connection string's options for a measurement of the store pool
     * ({@code -Dcdap.service.storePool}): empty unless asked for, the driver's default (100) standing.
     */
    static String storeUriOptions() {
        Integer pool = Integer.getInteger("cdap.service.storePool");
        return pool == null ? "" : "/?maxPoolSize=" + pool;
    }

    private static List<String> options(String process, String... heap) {
        String replaced = System.getProperty("cdap.jvm." + process);
        if (replaced != null) {
            return Arrays.stream(replaced.trim().split("\\s+")).filter(option -> !option.isEmpty()).toList();
        }
        return List.of(heap);
    }
}
