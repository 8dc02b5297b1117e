package fr.caf38.cdap.notification.api;

import fr.caf38.cdap.notification.NotificationIntegrationTest;
import fr.caf38.cdap.testinfra.RawHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/** The shared input rules (module input-rules) on the notifications API, over real HTTP. */
@NotificationIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class InputRulesIntegrationTest {
    private static final String AGENT = "Basic " + Base64.getEncoder().encodeToString("agent:agent".getBytes(StandardCharsets.UTF_8));

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aControlCharacterInAQueryParameterIs400ProblemJsonAndNeverLogged(CapturedOutput output) throws Exception {
        for (String query : new String[]{"requestId=%00", "status=FAILED%07", "kind=%7F", "page=0&size=%1B"}) {
            HttpResponse<String> answer = get("/api/v1/notifications?" + query, "Authorization", AGENT);

            assertThat(answer.statusCode()).as(query).isEqualTo(400);
            assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(answer.body()).contains("\"code\":\"CONTROL_CHARACTERS\"");
        }
        assertThat(output.getAll()).doesNotContain("\u0000", "\u0007", "\u001b");
    }

    @Test
    void aNulInAHeaderIsProblemJsonOnTheApiAndTheActuator() throws Exception {
        for (String path : new String[]{"/api/v1/notifications", "/actuator/health"}) {
            assertThat(RawHttp.getWithNulInHeader(port, path)).as(path).startsWith("HTTP/1.1 400")
                    .containsIgnoringCase("Content-Type: application/problem+json")
                    .contains("\"status\":400").doesNotContain("Tomcat", "<html");
        }
    }

    @Test
    void unknownAddressesOfTheApiAndTheActuatorAreProblemJson() throws Exception {
        for (String path : new String[]{"/api/v1/nulle-part", "/actuator/nulle-part"}) {
            HttpResponse<String> answer = get(path, "Authorization", AGENT);

            assertThat(answer.statusCode()).as(path).isEqualTo(404);
            assertThat(answer.headers().firstValue("Content-Type")).as(path).hasValue("application/problem+json");
        }
    }

    @Test
    void apiAnswersCarryNosniff() throws Exception {
        assertThat(get("/api/v1/notifications", "Authorization", AGENT).headers().firstValue("X-Content-Type-Options"))
                .hasValue("nosniff");
        assertThat(get("/api/v1/nulle-part", "Authorization", AGENT).headers().firstValue("X-Content-Type-Options"))
                .hasValue("nosniff");
    }

    private HttpResponse<String> get(String path, String... headers) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).headers(headers).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
