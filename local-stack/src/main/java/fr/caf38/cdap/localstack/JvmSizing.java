package fr.caf38.cdap.localstack;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * How each process of the local stack is sized for a 2-core machine that runs all seven of them
 * (measured choices and figures: README, "JVM sizing").
 *
 * <ul>
 *   <li>Serial GC everywhere: no concurrent GC threads competing for the two cores, and the
 *       smallest collector footprint; pauses stay in milliseconds on heaps this size.</li>
 *   <li>Heaps capped at what each process was seen to use under the benchmark's bursts, plus
 *       room, and allowed to shrink back ({@code MaxHeapFreeRatio}) when the load goes.</li>
 *   <li>Smaller code cache and thread stacks: these JVMs run a few dozen threads each.</li>
 *   <li>Services: 32 Tomcat threads and 16 store connections per instance (the defaults, 200 and
 *       100, only add threads that wait for the same two cores).</li>
 * </ul>
 *
 * Each list can be replaced for a measurement with a system property of the launcher:
 * {@code -Dcdap.jvm.kafka="-Xmx768m"}, {@code cdap.jvm.store}, {@code cdap.jvm.mail},
 * {@code cdap.jvm.service}; {@code -Dcdap.service.tomcatThreads=200}, {@code -Dcdap.service.storePool=100}.
 */
public final class JvmSizing {
    private static final List<String> COMMON = List.of("-XX:+UseSerialGC", "-XX:MaxHeapFreeRatio=30",
            "-XX:MinHeapFreeRatio=10", "-XX:ReservedCodeCacheSize=64m", "-Xss512k");

    private JvmSizing() {
    }

    static List<String> kafka() {
        return options("kafka", "-Xms32m", "-Xmx256m");
    }

    static List<String> store() {
        return options("store", "-Xms32m", "-Xmx512m");
    }

    static List<String> mail() {
        return options("mail", "-Xms16m", "-Xmx192m");
    }

    /** The JVM options of every service instance. */
    public static List<String> service() {
        return options("service", "-Xms32m", "-Xmx256m");
    }

    /** Spring properties of every service instance: its thread and connection pools. */
    static Map<String, String> serviceProperties() {
        return Map.of("server.tomcat.threads.max", Integer.toString(Integer.getInteger("cdap.service.tomcatThreads", 32)),
                "server.tomcat.threads.min-spare", "4");
    }

    /** The store connections each service instance keeps at most (the driver's default is 100). */
    static String storePoolOptions() {
        return "maxPoolSize=" + Integer.getInteger("cdap.service.storePool", 16) + "&minPoolSize=1";
    }

    private static List<String> options(String process, String... heap) {
        String replaced = System.getProperty("cdap.jvm." + process);
        if (replaced != null) {
            return Arrays.stream(replaced.trim().split("\\s+")).filter(option -> !option.isEmpty()).toList();
        }
        List<String> options = new ArrayList<>(COMMON);
        options.addAll(List.of(heap));
        return List.copyOf(options);
    }
}
