package fr.caf38.cdap.intake.pages;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The embedded Tomcat's access log as the tests' server wrote it ({@code target/tomcat/logs/access_log*}). */
final class AccessLog {
    private static final Path FOLDER = Path.of("target", "tomcat", "logs");

    private AccessLog() {
    }

    /** Every line written so far, or nothing before the first request. */
    static String read() throws IOException {
        if (!Files.isDirectory(FOLDER)) {
            return "";
        }
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.list(FOLDER)) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("access_log")).toList()) {
                all.append(Files.readString(file, StandardCharsets.UTF_8));
            }
        }
        return all.toString();
    }
}
