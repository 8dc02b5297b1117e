package fr.caf38.cdap.eligibility.review;

import fr.caf38.cdap.eligibility.IntegrationTest;
import fr.caf38.cdap.eligibility.Requests;
import fr.caf38.cdap.eligibility.Sirets;
import fr.caf38.cdap.eligibility.decision.DecisionMaker;
import fr.caf38.cdap.eligibility.decision.DecisionStore;
import fr.caf38.cdap.events.RequestSubmitted;
import fr.caf38.cdap.events.value.DecisionStatus;
import fr.caf38.cdap.events.value.OrganisationType;
import fr.caf38.cdap.events.value.StaffRole;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The review's body is read as strictly as intake reads a partner's: each way of being lenient the
 * API had (a number or a boolean taken as the motive, duplicate keys, control characters stored and
 * shown to the partner) is a {@code 400} problem listing what is wrong, and changes nothing.
 */
class ReviewBodyStrictnessIntegrationTest extends IntegrationTest {
    private static final String MOTIVE = "Convention de partenariat vérifiée avec le service concerné.";

    @Autowired
    MockMvc mvc;
    @Autowired
    DecisionMaker decisionMaker;
    @Autowired
    DecisionStore store;

    static Stream<Arguments> refusedBodies() {
        return Stream.of(
                Arguments.of("a number as the motive", "{'status': 'APPROVED', 'motive': 1234567890123}", "motive", "WRONG_TYPE"),
                Arguments.of("a boolean as the motive", "{'status': 'APPROVED', 'motive': true}", "motive", "WRONG_TYPE"),
                Arguments.of("a number as the status", "{'status': 1, 'motive': '" + MOTIVE + "'}", "status", "WRONG_TYPE"),
                Arguments.of("a list as the motive", "{'status': 'APPROVED', 'motive': ['" + MOTIVE + "']}", "motive", "WRONG_TYPE"),
                Arguments.of("an object as the status", "{'status': {'$ne': null}, 'motive': '" + MOTIVE + "'}", "status", "WRONG_TYPE"),
                Arguments.of("an unknown field", "{'status': 'APPROVED', 'motive': '" + MOTIVE + "', 'agent': 'moi'}", "agent", "UNKNOWN_FIELD"),
                Arguments.of("a NUL in the motive", "{'status': 'APPROVED', 'motive': 'Motif vérifié\\u0000 avec la Caf'}", "motive", "CONTROL_CHARACTERS"),
                Arguments.of("an ESC in the motive", "{'status': 'APPROVED', 'motive': 'Motif \\u001b[31mvérifié avec la Caf'}", "motive", "CONTROL_CHARACTERS"),
                Arguments.of("a BEL in the motive", "{'status': 'APPROVED', 'motive': 'Motif vérifié\\u0007 avec la Caf'}", "motive", "CONTROL_CHARACTERS"),
                Arguments.of("a C1 control in the motive", "{'status': 'APPROVED', 'motive': 'Motif vérifié\\u0085 avec la Caf'}", "motive", "CONTROL_CHARACTERS"),
                Arguments.of("a right-to-left override in the motive", "{'status': 'APPROVED', 'motive': 'Motif vérifié \\u202egnp.exe'}", "motive", "INVISIBLE_CHARACTERS"),
                Arguments.of("a zero-width space in the motive", "{'status': 'APPROVED', 'motive': 'Motif\\u200b vérifié avec la Caf'}", "motive", "INVISIBLE_CHARACTERS"),
                Arguments.of("a line separator in the motive", "{'status': 'APPROVED', 'motive': 'Motif vérifié\\u2028avec la Caf'}", "motive", "INVISIBLE_CHARACTERS"),
                Arguments.of("a paragraph separator ending the motive", "{'status': 'APPROVED', 'motive': 'Motif vérifié avec la Caf\u2029'}", "motive", "INVISIBLE_CHARACTERS"),
                Arguments.of("a byte-order mark in the motive", "{'status': 'APPROVED', 'motive': '\\ufeffMotif vérifié avec la Caf'}", "motive", "INVISIBLE_CHARACTERS"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedBodies")
    void aBodyTheStrictReaderOrTheTextRuleRefusesIs400NamingTheFieldAndChangesNothing(String name, String body,
                                                                                      String field, String code)
            throws Exception {
        String id = underReview();

        review(id, body.replace('\'', '"').getBytes(StandardCharsets.UTF_8))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.title").value("Requête invalide"))
                .andExpect(jsonPath("$.errors[0].field").value(field))
                .andExpect(jsonPath("$.errors[0].code").value(code))
                .andExpect(jsonPath("$.errors.length()").value(1));

        assertUnchanged(id);
    }

    static Stream<Arguments> unreadableBodies() {
        return Stream.of(
                Arguments.of("duplicate keys (last would win)", "{'status': 'REJECTED', 'status': 'APPROVED', 'motive': '" + MOTIVE + "'}"),
                Arguments.of("trailing content", "{'status': 'APPROVED', 'motive': '" + MOTIVE + "'} {}"),
                Arguments.of("trailing garbage", "{'status': 'APPROVED', 'motive': '" + MOTIVE + "'}x"),
                Arguments.of("a truncated body", "{'status': 'APPROVED', 'motive': "),
                Arguments.of("single quotes", "{`status`: `APPROVED`}"),
                Arguments.of("an empty body", ""),
                Arguments.of("comments", "{/* */ 'status': 'APPROVED', 'motive': '" + MOTIVE + "'}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unreadableBodies")
    void aBodyThatIsNotOneJsonDocumentIs400MalformedJsonAndChangesNothing(String name, String body) throws Exception {
        String id = underReview();

        review(id, body.replace('\'', '"').replace('`', '\'').getBytes(StandardCharsets.UTF_8))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value(startsWith("Le corps de la requête n'est pas un document JSON valide")))
                .andExpect(jsonPath("$.errors[*].code", contains("MALFORMED_JSON")));

        assertUnchanged(id);
    }

    @Test
    void overlongUtf8IsMalformedJsonNotALessThanSign() throws Exception {
        String id = underReview();
        byte[] body = ("{\"status\": \"APPROVED\", \"motive\": \"" + MOTIVE + "##\"}").getBytes(StandardCharsets.UTF_8);
        body[body.length - 4] = (byte) 0xC0;
        body[body.length - 3] = (byte) 0xBC;

        review(id, body).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].code", contains("MALFORMED_JSON")));
        assertUnchanged(id);
    }

    @Test
    void aBodyThatIsNotAnObjectIsAWrongType() throws Exception {
        String id = underReview();
        for (String body : new String[]{"[]", "\"APPROVED\"", "42", "null"}) {
            review(id, body.getBytes(StandardCharsets.UTF_8)).andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.errors[*].code", contains("WRONG_TYPE")));
        }
        assertUnchanged(id);
    }

    @Test
    void everyProblemIsListedAtOnce() throws Exception {
        String id = underReview();

        review(id, "{\"status\": true, \"motive\": \"court\\u0007\", \"extra\": 1}".getBytes(StandardCharsets.UTF_8))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", containsInAnyOrder("extra", "status", "motive")))
                .andExpect(jsonPath("$.errors[*].code", containsInAnyOrder("UNKNOWN_FIELD", "WRONG_TYPE", "CONTROL_CHARACTERS")));
        assertUnchanged(id);
    }

    @Test
    void aBodyAbove32KibIs413WithoutReadingFurther() throws Exception {
        String id = underReview();
        byte[] body = ("{\"status\": \"APPROVED\", \"motive\": \"" + "x".repeat(40_000) + "\"}").getBytes(StandardCharsets.UTF_8);

        review(id, body).andExpect(status().isPayloadTooLarge())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        assertUnchanged(id);
    }

    @Test
    void aMotiveOnSeveralLinesWithFrenchTypographyIsAccepted() throws Exception {
        String id = underReview();
        String motive = "Convention vérifiée :\r\n\t– service social\u00A0: oui ;\n\t– 100\u202F% des familles suivies.";

        review(id, ("{\"status\": \"APPROVED\", \"motive\": \"" + motive.replace("\r", "\\r").replace("\n", "\\n")
                .replace("\t", "\\t") + "\"}").getBytes(StandardCharsets.UTF_8))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.motive").value(motive));
        assertThat(store.find(id).orElseThrow().status()).isEqualTo(DecisionStatus.APPROVED);
    }

    private ResultActions review(String id, byte[] body) throws Exception {
        return mvc.perform(post("/api/v1/decisions/{id}/review", id).with(httpBasic("agent", "agent"))
                .contentType(MediaType.APPLICATION_JSON).content(body));
    }

    private void assertUnchanged(String id) {
        var stored = store.find(id).orElseThrow();
        assertThat(stored.status()).isEqualTo(DecisionStatus.UNDER_REVIEW);
        assertThat(stored.history()).hasSize(1);
    }

    private String underReview() {
        RequestSubmitted event = Requests.submitted("38",
                Requests.t1(Sirets.random(), OrganisationType.OTHER, StaffRole.SOCIAL_WORKER),
                Instant.now().truncatedTo(ChronoUnit.MILLIS));
        assertThat(decisionMaker.decide(event)).isNotNull();
        return event.requestId().toString();
    }
}
