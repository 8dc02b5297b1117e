package fr.caf38.cdap.e2e;

import fr.caf38.cdap.localstack.LocalStack;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A partner's view: submit, then follow the request with its tracking token. */
record Partner(LocalStack stack, String email, String requestId, String reference, String token) {

    static Partner submits(LocalStack stack, String email, String body) {
        return submitsTo(stack, stack.intakeUrl(), email, body);
    }

    /** Submits to one given instance of intake-service (the request is then followed on the first). */
    static Partner submitsTo(LocalStack stack, String intakeUrl, String email, String body) {
        Http.Response response = Http.postJson(intakeUrl + "/api/v1/access-requests", body);
        assertThat(response.status()).as(response.raw()).isEqualTo(202);
        JsonNode answer = response.body();
        return new Partner(stack, email, answer.get("requestId").asString(), answer.get("reference").asString(),
                answer.get("trackingToken").asString());
    }

    /** Sends the whole request again, amended, as the tracking link allows while changes are awaited. */
    Http.Response amends(String body, String idempotencyKey) {
        return Http.putJson(stack.intakeUrl() + "/api/v1/access-requests/" + requestId, token, idempotencyKey, body);
    }

    JsonNode status() {
        Http.Response response = Http.get(stack.intakeUrl() + "/api/v1/access-requests/" + requestId,
                "X-Tracking-Token", token);
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        return response.body();
    }

    /** Waits until the request shows the given status, and returns the view. */
    JsonNode awaitStatus(String expected, Duration timeout) {
        await().atMost(timeout).pollInterval(Duration.ofMillis(300))
                .until(() -> expected.equals(status().get("status").asString()));
        return status();
    }

    /** Waits until the request shows the given status for the given revision of its answers. */
    JsonNode awaitStatus(String expected, int revision, Duration timeout) {
        await().atMost(timeout).pollInterval(Duration.ofMillis(300)).until(() -> {
            JsonNode view = status();
            return expected.equals(view.get("status").asString()) && view.get("revision").asInt() == revision;
        });
        return status();
    }

    /** Waits until the partner's mailbox holds at least this many emails, and returns their kinds. */
    List<String> awaitMailKinds(int count, Duration timeout) {
        await().atMost(timeout).pollInterval(Duration.ofMillis(300)).until(() -> mailKinds().size() >= count);
        return mailKinds();
    }

    List<String> timelineEvents() {
        List<String> events = new ArrayList<>();
        status().get("timeline").forEach(entry -> events.add(entry.get("event").asString()));
        return events;
    }

    List<Mailbox.Mail> mails() {
        return Mailbox.read(stack.ports().imap(), email);
    }

    List<String> mailKinds() {
        return mails().stream().map(Mailbox.Mail::kind).toList();
    }
}
