package fr.caf38.cdap.e2e;

import fr.caf38.cdap.localstack.LocalStack;
import fr.caf38.cdap.localstack.StackPorts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One local stack for the whole test JVM, on free ports (so the tests also run while a local stack
 * holds the usual ports), with its data and logs under {@code target/}. Stopped when the JVM exits.
 */
final class SharedStack {
    private static LocalStack stack;

    private SharedStack() {
    }

    static synchronized LocalStack get() {
        if (stack == null) {
            Path root = Path.of("..").toAbsolutePath().normalize();
            Path data;
            try {
                data = Files.createTempDirectory(Path.of("target").toAbsolutePath().getParent().resolve("target"), "e2e-stack");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            stack = LocalStack.start(new LocalStack.Options(root, data, StackPorts.free(),
                    List.of("-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"),
                    Map.ofEntries(
                            // Short SMTP back-off, so emails held by the SMTP outage go out soon after it.
                            Map.entry("cdap.notification.retry.initial-delay", "500ms"),
                            Map.entry("cdap.notification.retry.max-delay", "3s"),
                            Map.entry("cdap.notification.retry.max-attempts", "40"),
                            // An instance killed is replaced within seconds, not minutes: its partitions
                            // move to the survivors, its unpublished events and unsent emails are swept.
                            Map.entry("spring.cloud.stream.kafka.binder.consumer-properties.session.timeout.ms", "6000"),
                            Map.entry("spring.cloud.stream.kafka.binder.consumer-properties.heartbeat.interval.ms", "2000"),
                            Map.entry("cdap.outbox.lease", "5s"),
                            Map.entry("cdap.outbox.sweep-interval", "5s"),
                            Map.entry("cdap.notification.sender.lease", "5s"),
                            Map.entry("cdap.notification.sender.sweep-interval", "5s"))));
            Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "e2e-stack-shutdown"));
        }
        return stack;
    }
}
