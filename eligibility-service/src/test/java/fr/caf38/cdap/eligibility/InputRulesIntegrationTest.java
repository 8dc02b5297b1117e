package fr.caf38.cdap.eligibility;

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
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The shared input rules (module input-rules) on the agents' service, over real HTTP. */
@ExtendWith(OutputCaptureExtension.class)
class InputRulesIntegrationTest extends IntegrationTest {
    private static final String AGENT = "Basic " + Base64.getEncoder().encodeToString("agent:agent".getBytes(StandardCharsets.UTF_8));

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aNulInTheSearchIs400ProblemJsonOnTheApiAndNeverReachesTheStoreNorTheLog(CapturedOutput output) throws Exception {
        for (String query : new String[]{"q=%00", "q=CCAS%00", "status=UNDER_REVIEW&q=%1B%5B31m", "department=%C2%9B38"}) {
            HttpResponse<String> answer = get("/api/v1/decisions?" + query, "Authorization", AGENT);

            assertThat(answer.statusCode()).as(query).isEqualTo(400);
            assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(answer.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(answer.body()).contains("\"code\":\"CONTROL_CHARACTERS\"");
        }
        assertThat(output.getAll()).doesNotContain("\u0000", "\u001b[31m", "BsonSerializationException");
    }

    @Test
    void aNulInTheConsolesSearchIsTheFrenchErrorPage() throws Exception {
        HttpResponse<String> answer = get("/?q=%00", "Accept", "text/html");

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(answer.body()).contains("lang=\"fr\"");
    }

    @Test
    void aNulInAHeaderIsProblemJsonOnTheApiAndTheActuatorAndAFrenchPageElsewhere() throws Exception {
        for (String path : new String[]{"/api/v1/decisions/" + UUID.randomUUID(), "/actuator/health"}) {
            assertThat(RawHttp.getWithNulInHeader(port, path)).as(path).startsWith("HTTP/1.1 400")
                    .containsIgnoringCase("Content-Type: application/problem+json")
                    .containsIgnoringCase("X-Content-Type-Options: nosniff")
                    .contains("\"status\":400").doesNotContain("Tomcat", "<html");
        }
        assertThat(RawHttp.getWithNulInHeader(port, "/connexion")).startsWith("HTTP/1.1 400")
                .containsIgnoringCase("Content-Type: text/html").contains("lang=\"fr\"").doesNotContain("Tomcat");
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
        // Once, though Spring Security writes it too.
        assertThat(get("/api/v1/decisions", "Authorization", AGENT).headers().allValues("X-Content-Type-Options"))
                .containsExactly("nosniff");
        assertThat(get("/api/v1/decisions").headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }

    private HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
