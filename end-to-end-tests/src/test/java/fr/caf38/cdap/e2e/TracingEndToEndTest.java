package fr.caf38.cdap.e2e;

import fr.caf38.cdap.localstack.LocalStack;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import fr.caf38.cdap.testinfra.TopicProbe;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One partner's request followed across the real processes by its trace id: the partner's call
 * comes with a W3C {@code traceparent}, and that trace id is on every record the request causes
 * (submitted, decided, both emails' notices) and on the log lines of each service about it.
 */
class TracingEndToEndTest {
    static final Duration WITHIN = Duration.ofSeconds(60);
    static LocalStack stack;

    @BeforeAll
    static void startStack() {
        stack = SharedStack.get();
    }

    @Test
    void aSubmissionsTraceIdReachesItsDecisionItsEmailsAndTheLogLines() throws Exception {
        String traceId = HexFormat.of().formatHex(randomBytes(16));
        String traceparent = "00-" + traceId + "-" + HexFormat.of().formatHex(randomBytes(8)) + "-01";
        String bootstrap = "127.0.0.1:" + stack.ports().kafka();
        try (TopicProbe submitted = TopicProbe.on(bootstrap, "access-requests.submitted");
             TopicProbe decided = TopicProbe.on(bootstrap, "access-requests.decided");
             TopicProbe sent = TopicProbe.on(bootstrap, "notifications.sent")) {
            String email = Requests.mailbox();
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(stack.intakeUrl() + "/api/v1/access-requests"))
                    .header("Content-Type", "application/json").header("traceparent", traceparent)
                    .timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString(Requests.t9(email), StandardCharsets.UTF_8)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
            String requestId = Http.JSON.readTree(response.body()).get("requestId").asString();
            String reference = Http.JSON.readTree(response.body()).get("reference").asString();

            assertThat(traceIds(submitted.await(about(requestId), 1, WITHIN))).containsExactly(traceId);
            assertThat(traceIds(decided.await(about(requestId), 1, WITHIN))).containsExactly(traceId);
            assertThat(traceIds(sent.await(about(requestId), 2, WITHIN))).containsExactly(traceId, traceId);

            await().atMost(WITHIN).untilAsserted(() -> {
                assertThat(linesWith(traceId, "intake-service")).anyMatch(line -> line.contains(reference));
                assertThat(linesWith(traceId, "eligibility-service"))
                        .anyMatch(line -> line.contains(reference) && line.contains("decided by the rules"));
                assertThat(linesWith(traceId, "notification-service"))
                        .anyMatch(line -> line.contains(reference) && line.contains("stored"));
            });
        }
    }

    private static java.util.function.Predicate<ConsumerRecord<String, String>> about(String requestId) {
        return record -> record.value() != null && record.value().contains(requestId);
    }

    /** The trace id of each record's {@code traceparent} header ({@code 00-<trace id>-<span id>-<flags>}). */
    private static List<String> traceIds(List<ConsumerRecord<String, String>> records) {
        return records.stream().map(record -> {
            Header header = record.headers().lastHeader("traceparent");
            assertThat(header).as("traceparent header of %s", record.value()).isNotNull();
            return new String(header.value(), StandardCharsets.UTF_8).split("-")[1];
        }).toList();
    }

    private static List<String> linesWith(String traceId, String process) throws IOException {
        Path log = stack.process(process).logFile();
        try (var lines = Files.lines(log, StandardCharsets.UTF_8)) {
            return lines.filter(line -> line.contains(traceId)).toList();
        }
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        ThreadLocalRandom.current().nextBytes(bytes);
        bytes[0] |= 1; // never all zeros: an invalid W3C id
        return bytes;
    }
}
