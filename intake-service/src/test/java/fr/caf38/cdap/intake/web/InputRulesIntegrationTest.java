package fr.caf38.cdap.intake.web;

import fr.caf38.cdap.intake.Api;
import fr.caf38.cdap.intake.IntakeIntegrationTest;
import fr.caf38.cdap.intake.Sirets;
import fr.caf38.cdap.testinfra.RawHttp;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The shared input rules (module input-rules) as the partners meet them on intake, over real HTTP where the container is involved. */
@IntakeIntegrationTest
class InputRulesIntegrationTest {
    @Autowired
    MockMvc mvc;
    @Autowired
    MongoTemplate mongo;
    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aControlCharacterInAQueryParameterOfTheApiIs400ProblemJson() throws Exception {
        HttpResponse<String> answer = get("/api/v1/access-requests/" + UUID.randomUUID() + "?x=%00",
                "X-Tracking-Token", "jeton");

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(answer.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(answer.body()).contains("\"code\":\"CONTROL_CHARACTERS\"", "caractère de contrôle");
    }

    @Test
    void aControlCharacterInAQueryParameterOfAPageIsTheFrenchErrorPage() throws Exception {
        HttpResponse<String> answer = get("/suivi/" + UUID.randomUUID() + "?token=ab%1Bcd", "Accept", "text/html");

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(answer.body()).contains("lang=\"fr\"", "Cette requête ne peut pas être traitée");
    }

    @Test
    void aNulInAHeaderIsProblemJsonOnTheApiAndAFrenchPageElsewhere() throws Exception {
        String api = RawHttp.getWithNulInHeader(port, "/api/v1/access-requests/" + UUID.randomUUID());
        assertThat(api).startsWith("HTTP/1.1 400").containsIgnoringCase("Content-Type: application/problem+json")
                .contains("\"status\":400", "\"code\":\"BAD_REQUEST\"").doesNotContain("Tomcat");

        String actuator = RawHttp.getWithNulInHeader(port, "/actuator/health");
        assertThat(actuator).startsWith("HTTP/1.1 400").containsIgnoringCase("Content-Type: application/problem+json");

        String page = RawHttp.getWithNulInHeader(port, "/");
        assertThat(page).startsWith("HTTP/1.1 400").containsIgnoringCase("Content-Type: text/html")
                .contains("lang=\"fr\"", "Cette requête ne peut pas être traitée").doesNotContain("Tomcat");
    }

    @Test
    void unknownAddressesOfTheApiAndTheActuatorAreProblemJson() throws Exception {
        // The actuator is closed but to the monitoring user: signed in, an unknown address is a 404.
        String monitor = "Basic " + java.util.Base64.getEncoder()
                .encodeToString("monitor:monitor".getBytes(StandardCharsets.UTF_8));
        for (String path : new String[]{"/api/v1/nulle-part", "/actuator/nulle-part", "/api"}) {
            HttpResponse<String> answer = path.startsWith("/actuator") ? get(path, "Authorization", monitor) : get(path);

            assertThat(answer.statusCode()).as(path).isEqualTo(404);
            assertThat(answer.headers().firstValue("Content-Type")).as(path).hasValue("application/problem+json");
        }
    }

    @Test
    void everyApiAnswerCarriesNosniff() throws Exception {
        HttpResponse<String> accepted = post(Api.json(Api.validBody(Sirets.random())).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> refused = post("{".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> unknown = get("/api/v1/nulle-part");

        assertThat(List.of(accepted.statusCode(), refused.statusCode(), unknown.statusCode())).containsExactly(202, 400, 404);
        for (HttpResponse<String> answer : List.of(accepted, refused, unknown)) {
            assertThat(answer.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        }
    }

    @Test
    void overlongUtf8InABodyIsMalformedJsonAndNothingIsStored() throws Exception {
        String siret = Sirets.random();
        byte[] body = Api.json(Api.with(Api.validBody(siret), "organisation.legalName", "CCAS ##script"))
                .getBytes(StandardCharsets.UTF_8);
        int at = new String(body, StandardCharsets.ISO_8859_1).indexOf("##");
        body[at] = (byte) 0xC0; // C0 BC: an overlong '<', which Jackson alone decodes
        body[at + 1] = (byte) 0xBC;

        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(Api.SUBMISSIONS)
                        .contentType(MediaType.APPLICATION_JSON).content(body).with(Api.anyClient()))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].code").value("MALFORMED_JSON"))
                .andExpect(jsonPath("$.errors[0].field").doesNotExist());
        assertThat(storedWith(siret)).isZero();
    }

    @Test
    void invisibleOrDirectionChangingCharactersInPartnerTextsAreRefusedWithTheirOwnCode() throws Exception {
        String siret = Sirets.random();
        Map<String, Object> body = Api.with(Api.validBody(siret), "organisation.legalName", "CCAS \u202Egnp.exe");
        Api.with(body, "organisation.address.city", "Exemple\u200Bville");
        Api.with(body, "otherCafAccess.motivation", "Familles suivies\r\n\ten Savoie voisine \u2028 et ailleurs.");

        mvc.perform(Api.submit(body))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[?(@.field == 'organisation.legalName')].code").value("INVISIBLE_CHARACTERS"))
                .andExpect(jsonPath("$.errors[?(@.field == 'organisation.address.city')].code").value("INVISIBLE_CHARACTERS"))
                .andExpect(jsonPath("$.errors[?(@.field == 'otherCafAccess.motivation')].code").value("INVISIBLE_CHARACTERS"))
                .andExpect(jsonPath("$.errors.length()").value(3));
        assertThat(storedWith(siret)).isZero();

        // Line breaks in a multi-line text and French non-breaking spaces are fine.
        Map<String, Object> fine = Api.with(Api.validBody(siret), "organisation.legalName", "CCAS n\u00A0°\u00A012");
        Api.with(fine, "otherCafAccess.motivation", "Familles suivies\r\n\ten Savoie voisine, 50\u202F% d’entre elles.");
        mvc.perform(Api.submit(fine)).andExpect(status().isAccepted());
    }

    private long storedWith(String siret) {
        return mongo.count(new Query(where("request.organisation.siret").is(siret)), "requests");
    }

    private HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(byte[] body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + Api.SUBMISSIONS))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
