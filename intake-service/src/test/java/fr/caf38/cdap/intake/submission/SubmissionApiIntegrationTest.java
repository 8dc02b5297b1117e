package fr.caf38.cdap.intake.submission;

import fr.caf38.cdap.intake.Api;
import fr.caf38.cdap.intake.IntakeIntegrationTest;
import fr.caf38.cdap.intake.Sirets;
import fr.caf38.cdap.intake.request.AccessRequest;
import fr.caf38.cdap.messaging.tracking.TrackingTokens;
import io.micrometer.core.instrument.MeterRegistry;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.Year;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static fr.caf38.cdap.intake.Api.REMOVE;
import static fr.caf38.cdap.intake.Api.submit;
import static fr.caf38.cdap.intake.Api.submitRaw;
import static fr.caf38.cdap.intake.Api.validBody;
import static fr.caf38.cdap.intake.Api.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@IntakeIntegrationTest
class SubmissionApiIntegrationTest {
    @Autowired
    MockMvc mvc;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    TrackingTokens tokens;
    @Autowired
    IdempotencyKeyCleanup cleanup;
    @Autowired
    MeterRegistry meters;

    @Test
    void aValidRequestIsStoredThenAcceptedWith202AReferenceAndATrackingToken() throws Exception {
        String siret = Sirets.random();
        String spaced = siret.substring(0, 3) + " " + siret.substring(3, 6) + " " + siret.substring(6, 9) + " "
                + siret.substring(9);

        MvcResult result = mvc.perform(submit(with(validBody(spaced), "organisation.phone", "0692 12 34 56")))
                .andExpect(status().isAccepted())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(header().string("Cache-Control", containsString("no-store")))
                .andExpect(jsonPath("$.status").value("SUBMITTED"))
                .andExpect(jsonPath("$.reference").value(matchesPattern(
                        "CDAP-38-" + Year.now(ZoneId.of("Europe/Paris")) + "-\\d{5,}")))
                .andReturn();

        Map<String, Object> answer = Api.read(result.getResponse().getContentAsString());
        UUID requestId = UUID.fromString((String) answer.get("requestId"));
        assertThat(answer.get("trackingToken")).isEqualTo(tokens.tokenFor(requestId));
        assertThat(answer.get("statusUrl")).isEqualTo("/api/v1/access-requests/" + requestId);
        assertThat(result.getResponse().getHeader("Location")).isEqualTo("/api/v1/access-requests/" + requestId);

        AccessRequest stored = mongo.findById(requestId.toString(), AccessRequest.class);
        assertThat(stored).isNotNull();
        assertThat(stored.reference()).isEqualTo(answer.get("reference"));
        assertThat(stored.status()).isEqualTo("SUBMITTED");
        assertThat(stored.request().organisation().siret().value()).isEqualTo(siret);
        assertThat(stored.request().organisation().phone()).isEqualTo("+262692123456");
        assertThat(stored.timeline()).extracting(entry -> entry.event()).containsExactly("SUBMITTED");
        Document raw = mongo.findById(requestId.toString(), Document.class, "requests");
        assertThat(raw.toJson()).doesNotContain((String) answer.get("trackingToken"));
    }

    @Test
    void theSameKeyWithABodyOfTheSameMeaningGivesTheFirstAnswerAgainAndStoresNothingMore() throws Exception {
        String siret = Sirets.random();
        String key = "cle-" + UUID.randomUUID();

        String first = mvc.perform(submit(validBody(siret)).header("Idempotency-Key", key))
                .andExpect(status().isAccepted()).andReturn().getResponse().getContentAsString();
        Map<String, Object> sameMeaning = with(with(validBody(siret.substring(0, 9) + " " + siret.substring(9)),
                "organisation.phone", "+33 4 76 00 00 00"), "organisation.legalName", "  CCAS de Exempleville ");
        String again = mvc.perform(submit(sameMeaning).header("Idempotency-Key", key))
                .andExpect(status().isAccepted())
                .andExpect(header().exists("Location"))
                .andReturn().getResponse().getContentAsString();

        assertThat(Api.read(again)).isEqualTo(Api.read(first));
        assertThat(requestsOf(siret)).isEqualTo(1);
    }

    @Test
    void theSameKeyWithAnotherBodyIsAConflictAndStoresNothing() throws Exception {
        String siret = Sirets.random();
        String key = UUID.randomUUID().toString();
        mvc.perform(submit(validBody(siret)).header("Idempotency-Key", key)).andExpect(status().isAccepted());

        Map<String, Object> otherBody = with(with(validBody(siret), "profile", "T4"), "t1", null);
        with(otherBody, "t4", Map.of("instructorNumber", "INS38"));
        mvc.perform(submit(otherBody).header("Idempotency-Key", key))
                .andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("IDEMPOTENCY_KEY_REUSED"))
                .andExpect(jsonPath("$.status").value(409))
                .andExpect(jsonPath("$.title").value("Clé d'idempotence déjà utilisée"));

        assertThat(requestsOf(siret)).isEqualTo(1);
    }

    @Test
    void aKeyPastItsRetentionIsReleasedAndMayServeANewRequest() throws Exception {
        String siret = Sirets.random();
        String key = UUID.randomUUID().toString();
        String first = mvc.perform(submit(validBody(siret)).header("Idempotency-Key", key))
                .andExpect(status().isAccepted()).andReturn().getResponse().getContentAsString();

        assertThat(cleanup.releaseExpiredKeys(Instant.now().plus(Duration.ofHours(23)))).isZero();
        assertThat(cleanup.releaseExpiredKeys(Instant.now().plus(Duration.ofHours(25)))).isPositive();

        String second = mvc.perform(submit(with(validBody(siret), "organisation.legalName", "Autre nom"))
                        .header("Idempotency-Key", key))
                .andExpect(status().isAccepted()).andReturn().getResponse().getContentAsString();
        assertThat(Api.read(second).get("requestId")).isNotEqualTo(Api.read(first).get("requestId"));
        assertThat(requestsOf(siret)).isEqualTo(2);
    }

    @Test
    void everyErrorIsListedAtOnceInFrenchAndNothingIsStored() throws Exception {
        String siret = Sirets.random();
        Map<String, Object> body = validBody(siret.substring(0, 13) + ((siret.charAt(13) - '0' + 1) % 10));
        with(body, "cafDepartment", "73");
        with(body, "organisation.email", "pas une adresse");
        with(body, "organisation.address.postalCode", "381");
        with(body, "t2", Map.of("receivesCafSocialActionSubsidy", true));
        with(body, "otherCafAccess.departments", List.of("38", "20"));
        with(body, "cafproConvention", REMOVE);

        MvcResult result = mvc.perform(submit(body).header("Idempotency-Key", "x".repeat(101)))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"))
                .andExpect(jsonPath("$.title").value("Demande invalide"))
                .andReturn();

        Map<String, Object> problem = Api.read(result.getResponse().getContentAsString(StandardCharsets.UTF_8));
        assertThat(Api.errorFields(problem)).containsExactlyInAnyOrder(
                "Idempotency-Key:IDEMPOTENCY_KEY_INVALID",
                "cafDepartment:CAF_NOT_SERVED",
                "organisation.siret:SIRET_CHECKSUM",
                "organisation.address.postalCode:POSTAL_CODE_FORMAT",
                "organisation.email:EMAIL_FORMAT",
                "t2:NOT_FOR_PROFILE",
                "cafproConvention:REQUIRED",
                "otherCafAccess.departments[1]:DEPARTMENT_INVALID");
        assertThat(problem.toString()).contains("Ce service ne reçoit pas les demandes adressées à la Caf du département 73");
        assertThat(requestsOf(siret)).isZero();
        assertThat(meters.counter("intake.requests.rejected", "code", "SIRET_CHECKSUM").count()).isPositive();
    }

    @Test
    void unknownFieldsAndWrongTypesAreNamedTogetherWithTheOtherErrors() throws Exception {
        Map<String, Object> body = validBody(Sirets.random());
        with(body, "cafDepartment", 38);
        with(body, "organisation.siren", "732829320");
        with(body, "cafproConvention.inOtherDepartment", "false");
        with(body, "organisation.address.city", "");

        MvcResult result = mvc.perform(submit(body)).andExpect(status().isBadRequest()).andReturn();

        assertThat(Api.errorFields(Api.read(result.getResponse().getContentAsString(StandardCharsets.UTF_8))))
                .containsExactlyInAnyOrder("cafDepartment:WRONG_TYPE", "organisation.siren:UNKNOWN_FIELD",
                        "cafproConvention.inOtherDepartment:WRONG_TYPE", "organisation.address.city:REQUIRED");
    }

    @Test
    void malformedJsonAndAnEmptyBodyAre400() throws Exception {
        mvc.perform(submitRaw("{\"profile\": \"T1\",")).andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].code").value("MALFORMED_JSON"))
                .andExpect(jsonPath("$.errors[0].field").doesNotExist());
        mvc.perform(submitRaw("")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].code").value("MALFORMED_JSON"));
        mvc.perform(submitRaw("[]")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].code").value("WRONG_TYPE"));
    }

    @Test
    void aBodyOver64KibIs413AndStoresNothing() throws Exception {
        String siret = Sirets.random();
        Map<String, Object> body = with(validBody(siret), "otherCafAccess.motivation", "m".repeat(70 * 1024));

        mvc.perform(submit(body)).andExpect(status().isContentTooLarge())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("PAYLOAD_TOO_LARGE"))
                .andExpect(jsonPath("$.detail").value(containsString("64 Kio")));
        assertThat(requestsOf(siret)).isZero();
    }

    @Test
    void aBodyThatIsNotJsonIs415() throws Exception {
        String body = Api.json(validBody(Sirets.random()));
        for (MediaType type : List.of(MediaType.TEXT_PLAIN, MediaType.APPLICATION_XML,
                MediaType.APPLICATION_FORM_URLENCODED, MediaType.parseMediaType("application/merge-patch+json"))) {
            mvc.perform(post(Api.SUBMISSIONS).contentType(type).content(body).with(Api.anyClient()))
                    .andExpect(status().isUnsupportedMediaType())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.code").value("UNSUPPORTED_MEDIA_TYPE"))
                    .andExpect(jsonPath("$.title").value("Format non pris en charge"));
        }
        mvc.perform(post(Api.SUBMISSIONS).content(body).with(Api.anyClient()))
                .andExpect(status().isUnsupportedMediaType());
    }

    @Test
    void pastTheRateLimitAClientGets429WithRetryAfterWhileOthersGoOn() throws Exception {
        String client = "127.42.0." + (1 + (int) (Math.random() * 250));
        for (int i = 0; i < 5; i++) {
            mvc.perform(post(Api.SUBMISSIONS).contentType(MediaType.APPLICATION_JSON).content("{}")
                    .with(Api.client(client))).andExpect(status().isBadRequest());
        }

        mvc.perform(post(Api.SUBMISSIONS).contentType(MediaType.APPLICATION_JSON)
                        .content(Api.json(validBody(Sirets.random()))).with(Api.client(client)))
                .andExpect(status().isTooManyRequests())
                .andExpect(header().string("Retry-After", matchesPattern("[1-9]\\d*")))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("TOO_MANY_REQUESTS"))
                .andExpect(jsonPath("$.detail").value(containsString("réessayez dans")));

        mvc.perform(submit(validBody(Sirets.random()))).andExpect(status().isAccepted());
    }

    private long requestsOf(String siret) {
        return mongo.count(Query.query(where("request.organisation.siret").is(siret)), AccessRequest.class);
    }
}
