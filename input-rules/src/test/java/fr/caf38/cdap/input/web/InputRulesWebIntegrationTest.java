package fr.caf38.cdap.input.web;

import fr.caf38.cdap.testinfra.RawHttp;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The module's web rules in a bare application on a real Tomcat, as each service gets them. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        classes = InputRulesWebIntegrationTest.Application.class)
class InputRulesWebIntegrationTest {
    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aNulInAHeaderOnTheApiIsAnsweredAsProblemJson() throws Exception {
        String answer = RawHttp.getWithNulInHeader(port, "/api/things");

        assertThat(answer).startsWith("HTTP/1.1 400");
        assertThat(answer).containsIgnoringCase("Content-Type: application/problem+json");
        assertThat(answer).containsIgnoringCase("X-Content-Type-Options: nosniff");
        assertThat(answer).contains("\"status\":400").contains("\"title\":\"Requête incorrecte\"");
        assertThat(answer).doesNotContain("Apache Tomcat").doesNotContain("<html");
    }

    @Test
    void aBadRequestLineOnTheApiIsAnsweredAsProblemJson() throws Exception {
        for (String target : new String[]{"/api/th{ngs", "/api/things?q=a b", "/api/things/%00", "/api/things|x"}) {
            String answer = RawHttp.exchange(port, ("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Connection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));

            assertThat(answer).as(target).startsWith("HTTP/1.1 400")
                    .containsIgnoringCase("Content-Type: application/problem+json").doesNotContain("Apache Tomcat");
        }
    }

    @Test
    void aNulInAHeaderOnTheActuatorIsAnsweredAsProblemJson() throws Exception {
        assertThat(RawHttp.getWithNulInHeader(port, "/actuator/health"))
                .startsWith("HTTP/1.1 400").containsIgnoringCase("Content-Type: application/problem+json");
    }

    @Test
    void aNulInAHeaderOnAPageIsAnsweredWithAFrenchPage() throws Exception {
        String answer = RawHttp.getWithNulInHeader(port, "/page");

        assertThat(answer).startsWith("HTTP/1.1 400");
        assertThat(answer).containsIgnoringCase("Content-Type: text/html");
        assertThat(answer).contains("lang=\"fr\"").contains("Cette requête ne peut pas être traitée");
        assertThat(answer).doesNotContain("Apache Tomcat");
    }

    @Test
    void aControlCharacterInAQueryParameterOfTheApiIs400ProblemJsonBeforeTheController() throws Exception {
        int before = Application.calls.get();
        for (String query : new String[]{"q=%00", "q=ab%1Bc", "q=%7F", "q=%C2%85", "%00=x", "a=1&q=%07"}) {
            HttpResponse<String> answer = get("/api/things?" + query);

            assertThat(answer.statusCode()).as(query).isEqualTo(400);
            assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(answer.body()).contains("\"code\":\"CONTROL_CHARACTERS\"").contains("caractère de contrôle");
        }
        assertThat(Application.calls.get()).isEqualTo(before);
    }

    @Test
    void ordinaryAndFrenchQueryParametersPass() throws Exception {
        HttpResponse<String> answer = get("/api/things?q=%C3%89cole%C2%A0des+Alpes&page=0");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("École des Alpes");
        assertThat(answer.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }

    @Test
    void aControlCharacterInAQueryParameterOfAPageIs400WithoutReachingTheController() throws Exception {
        int before = Application.calls.get();
        HttpResponse<String> answer = get("/page?q=%00");

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(Application.calls.get()).isEqualTo(before);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration(excludeName = { // on the test class path through test-infrastructure; not wanted here
            "org.springframework.boot.mongodb.autoconfigure.MongoAutoConfiguration",
            "org.springframework.boot.mongodb.autoconfigure.MongoReactiveAutoConfiguration"})
    static class Application {
        static final AtomicInteger calls = new AtomicInteger();

        @RestController
        static class Things {
            @GetMapping("/api/things")
            String things(@RequestParam(required = false) String q) {
                calls.incrementAndGet();
                return q == null ? "" : q.replace('\u00A0', ' ');
            }

            @GetMapping("/page")
            String page(@RequestParam(required = false) String q) {
                calls.incrementAndGet();
                return "page";
            }
        }
    }
}
