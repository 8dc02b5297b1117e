package fr.caf38.cdap.benchmark;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Store commands sent by the services so far, read from their own metrics
 * ({@code mongodb_driver_commands_seconds_count} in {@code /actuator/prometheus}), without the
 * commands that are no request's work (handshakes, pings, index creation, the scraper's sign-in).
 */
final class StoreCommands {
    /** Metrics need the monitoring user (the local stack's {@code monitor}, or -Dcdap.monitor.user/password). */
    private static final String MONITOR = "Basic " + Base64.getEncoder().encodeToString(
            (System.getProperty("cdap.monitor.user", "monitor") + ":" + System.getProperty("cdap.monitor.password",
                    "monitor")).getBytes(StandardCharsets.UTF_8));
    private static final Pattern SAMPLE = Pattern.compile(
            "^mongodb_driver_commands_seconds_count\\{([^}]*)}\\s+([0-9.eE+]+)", Pattern.MULTILINE);
    private static final Pattern COMMAND = Pattern.compile("command=\"([^\"]*)\"");
    private static final Set<String> NOT_COUNTED = Set.of("ping", "hello", "isMaster", "ismaster", "createIndexes",
            "buildInfo", "endSessions", "listIndexes");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<String> serviceUrls;

    StoreCommands(List<String> serviceUrls) {
        this.serviceUrls = serviceUrls;
    }

    /** The total over every service; a service that does not answer counts 0 (and is logged). */
    double total() {
        double total = 0;
        for (String url : serviceUrls) {
            total += of(url);
        }
        return total;
    }

    private double of(String url) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url + "/actuator/prometheus"))
                    .header("Authorization", MONITOR).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("HTTP " + response.statusCode());
            }
            return sum(response.body());
        } catch (Exception e) {
            org.slf4j.LoggerFactory.getLogger(StoreCommands.class).warn("No metrics from {}: {}", url, e.toString());
            return 0;
        }
    }

    static double sum(String prometheus) {
        double total = 0;
        Matcher sample = SAMPLE.matcher(prometheus);
        while (sample.find()) {
            Matcher command = COMMAND.matcher(sample.group(1));
            if (command.find() && NOT_COUNTED.contains(command.group(1))) {
                continue;
            }
            // The scraper's own sign-in (a read of its lock by _id) is no request's work either.
            if (sample.group(1).contains("collection=\"sign_in_failures\"")) {
                continue;
            }
            total += Double.parseDouble(sample.group(2));
        }
        return total;
    }
}
