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
                    // Short SMTP back-off, so emails held by the SMTP outage go out soon after it.
                    Map.of("cdap.notification.retry.initial-delay", "500ms",
                            "cdap.notification.retry.max-delay", "3s",
                            "cdap.notification.retry.max-attempts", "40")));
            Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "e2e-stack-shutdown"));
        }
        return stack;
    }
}
