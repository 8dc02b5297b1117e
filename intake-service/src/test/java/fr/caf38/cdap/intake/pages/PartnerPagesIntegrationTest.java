package fr.caf38.cdap.intake.pages;

import fr.caf38.cdap.events.RequestSubmitted;
import fr.caf38.cdap.events.Topics;
import fr.caf38.cdap.events.value.DepartmentCode;
import fr.caf38.cdap.events.value.Measure;
import fr.caf38.cdap.events.value.OrganisationType;
import fr.caf38.cdap.events.value.Profile;
import fr.caf38.cdap.events.value.StaffRole;
import fr.caf38.cdap.intake.Api;
import fr.caf38.cdap.intake.IntakeIntegrationTest;
import fr.caf38.cdap.intake.IntakeMetrics;
import fr.caf38.cdap.intake.IntakeProperties;
import fr.caf38.cdap.intake.Sirets;
import fr.caf38.cdap.intake.request.AccessRequest;
import fr.caf38.cdap.intake.submission.SubmissionService;
import fr.caf38.cdap.intake.tracking.TrackedRequests;
import fr.caf38.cdap.intake.validation.AccessRequestValidator;
import fr.caf38.cdap.intake.validation.PhoneNumbers;
import fr.caf38.cdap.intake.web.ApiExceptionHandler;
import fr.caf38.cdap.intake.web.RateLimitInterceptor;
import fr.caf38.cdap.messaging.codec.EventCodec;
import fr.caf38.cdap.testinfra.TestInfrastructure;
import fr.caf38.cdap.testinfra.TopicProbe;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.Cookie;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.RequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.util.MultiValueMap;
import org.springframework.util.unit.DataSize;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.view.RedirectView;
import org.thymeleaf.spring6.view.ThymeleafViewResolver;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static fr.caf38.cdap.intake.pages.FormPosts.raw;
import static fr.caf38.cdap.intake.pages.FormPosts.submit;
import static fr.caf38.cdap.intake.pages.FormPosts.validT1;
import static fr.caf38.cdap.intake.pages.FormPosts.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The partner's form without JavaScript (MockMvc posts as a browser sends them): the same validator,
 * storage, publication and rate limit as the API, errors next to their fields, CSRF refused, and the
 * confirmation reached by post/redirect/get.
 */
@IntakeIntegrationTest
class PartnerPagesIntegrationTest {
    private static final Pattern CONFIRMATION = Pattern.compile("/demande/([0-9a-f-]{36})/confirmation\\?token=([A-Za-z0-9_-]+)");

    @Autowired
    MockMvc mvc;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    EventCodec codec;
    @LocalServerPort
    int port;
    @Autowired
    ThymeleafViewResolver views;
    @Autowired
    SubmissionService submissions;
    @Autowired
    TrackedRequests tracked;
    @Autowired
    RateLimitInterceptor rateLimit;
    @Autowired
    FormCsrf csrf;
    @Autowired
    IntakeMetrics metrics;
    @Autowired
    AccessRequestValidator validator;
    @Autowired
    IntakeProperties properties;
    @Autowired
    ApiExceptionHandler apiErrors;

    private static String html(MvcResult result) throws Exception {
        return result.getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    private long storedWith(String siret) {
        return mongo.count(Query.query(where("request.organisation.siret").is(siret)), AccessRequest.class);
    }

    /** The same token with its first character changed. */
    static String otherToken(String token) {
        return (token.charAt(0) == 'A' ? "B" : "A") + token.substring(1);
    }

    /** Each text after the previous one, in the page with its line breaks and indentation made single spaces. */
    private static void assertInOrder(String html, String... texts) {
        String page = html.replaceAll("\\s+", " ");
        int from = 0;
        for (String text : texts) {
            int at = page.indexOf(text, from);
            assertThat(at).as("«%s» after position %d", text, from).isGreaterThanOrEqualTo(0);
            from = at + text.length();
        }
    }

    @Test
    void theFormAsksTheQuestionsOfThePaperFormInItsOrderInFrench() throws Exception {
        MvcResult result = mvc.perform(get("/")).andExpect(status().isOk()).andReturn();
        String page = html(result);

        assertThat(result.getResponse().getContentType()).startsWith(MediaType.TEXT_HTML_VALUE);
        assertThat(page).contains("<html lang=\"fr\">");
        assertInOrder(page, "Votre raison sociale", "Votre numéro SIRET (14 positions)", "Votre adresse",
                "Votre adresse mail", "Votre téléphone", "Quel type de consultation souhaitez-vous ?",
                "T1 – Action sociale", "aux assistants de service social assurant la fonction de référent",
                "Type de votre organisme", "Personnels qui consulteront les dossiers",
                "T2 – Prestataires de services sociaux", "pour le calcul des participations des familles",
                "T4 – Services instructeurs Rsa", "nécessite la saisie préalable du numéro",
                "Numéro instructeur",
                "T9 – Mesures de protection des majeurs et de l’enfance", "mesures d’accompagnement judiciaire",
                "Pour les autres profils, vous devez toujours faire votre demande pour accéder à Cafpro (bailleurs "
                        + "sociaux, commission de surendettement…).",
                "Autre profil", "Décrivez votre activité et votre besoin",
                "Avez-vous une convention Cafpro en cours avec un autre département ?",
                "Si oui, merci de préciser le ou les département(s) concerné(s)",
                "Auriez-vous l’utilité de consulter les dossiers des allocataires d’une autre Caf ?",
                "Si oui, merci de motiver votre demande et de préciser le ou les département(s) concerné(s)",
                "Envoyer ma demande");
        PartnerWording wording = new PartnerWording(new PagesProperties(ZoneId.of("Europe/Paris"), null));
        for (OrganisationType type : OrganisationType.values()) {
            assertThat(page).contains("value=\"" + type.name() + "\"", wording.organisationType(type));
        }
        for (StaffRole role : StaffRole.values()) {
            assertThat(page).contains("value=\"" + role.name() + "\"", wording.staffRole(role));
        }
        for (Measure measure : Measure.values()) {
            assertThat(page).contains("value=\"" + measure.name() + "\"", wording.measure(measure));
        }
        for (Profile profile : Profile.values()) {
            assertThat(page).contains("id=\"profile-" + profile.name() + "\"");
        }
        assertThat(page).contains("Autres personnels", "Votre demande est adressée à la", "Caf de l’Isère");
        // Every field has its label, and the form works without script (the script only hides).
        for (FormField field : FormField.values()) {
            if (field.kind() == FormField.Kind.TEXT || field.kind() == FormField.Kind.DEPARTMENTS) {
                if (field != FormField.CAF) {
                    assertThat(page).contains("for=\"" + field.id() + "\"", "id=\"" + field.id() + "\"");
                }
            } else {
                assertThat(page).contains("id=\"" + field.anchor() + "\"", "for=\"" + field.anchor() + "\"");
            }
        }
        assertThat(page).contains("<legend", "<fieldset", "name=\"_csrf\"", "name=\"_cle\"", "/js/formulaire.js",
                "/css/partenaires.css").doesNotContain("https://", "http://");
    }

    @Test
    void theFormPageSetsTheCsrfCookieAndSafeHeaders() throws Exception {
        MockHttpServletResponse response = mvc.perform(get("/")).andExpect(status().isOk()).andReturn().getResponse();

        String cookie = response.getHeader("Set-Cookie");
        assertThat(cookie).startsWith(FormCsrf.COOKIE + "=").contains("HttpOnly", "SameSite=Strict", "Path=/");
        String token = cookie.substring(FormCsrf.COOKIE.length() + 1, cookie.indexOf(';'));
        assertThat(response.getContentAsString(StandardCharsets.UTF_8))
                .contains("name=\"_csrf\" value=\"" + token + "\"");
        assertThat(response.getHeader("Cache-Control")).isEqualTo("no-store");
        assertThat(response.getHeader("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(response.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(response.getHeader("Content-Security-Policy")).contains("script-src 'self'", "frame-ancestors 'none'",
                "form-action 'self'");
    }

    @Test
    void aValidFormIsStoredAndPublishedLikeAnApiRequestThenRedirectsToTheConfirmation(TestInfrastructure infra)
            throws Exception {
        String siret = Sirets.random();
        MvcResult posted = mvc.perform(submit(validT1(siret))).andExpect(status().isSeeOther()).andReturn();

        String location = posted.getResponse().getHeader("Location");
        Matcher confirmation = CONFIRMATION.matcher(location);
        assertThat(confirmation.matches()).as(location).isTrue();
        String requestId = confirmation.group(1);
        AccessRequest stored = mongo.findById(requestId, AccessRequest.class);
        assertThat(stored).isNotNull();
        assertThat(stored.reference()).matches("CDAP-38-\\d{4}-\\d{5,}");
        assertThat(stored.request().organisation().siret().value()).isEqualTo(siret);
        assertThat(stored.request().organisation().phone()).isEqualTo("+33476000000");
        assertThat(stored.request().t1().organisationType()).isEqualTo(OrganisationType.LOCAL_AUTHORITY);
        assertThat(stored.request().otherCafAccess().departments()).containsExactly(DepartmentCode.of("73"));

        try (TopicProbe probe = TopicProbe.on(infra.kafkaBootstrapServers(), Topics.REQUESTS_SUBMITTED)) {
            List<ConsumerRecord<String, String>> records = probe.await(r -> r.value().contains(requestId), 1,
                    Duration.ofSeconds(30));
            assertThat(records).hasSize(1);
            assertThat(records.get(0).key()).isEqualTo(siret);
            RequestSubmitted event = codec.decode(records.get(0).value(), RequestSubmitted.class);
            assertThat(event.reference()).isEqualTo(stored.reference());
            assertThat(event.request()).isEqualTo(stored.request());
        }

        MvcResult page = mvc.perform(get(location)).andExpect(status().isOk())
                .andExpect(header().string("Cache-Control", "no-store"))
                .andExpect(header().string("Referrer-Policy", "no-referrer")).andReturn();
        assertThat(html(page)).contains("Votre demande a bien été envoyée", stored.reference(),
                "CCAS de Exempleville", "T1 – Action sociale", "accueil@ccas-exemple.fr",
                "href=\"/suivi/" + requestId + "?token=" + confirmation.group(2) + "\"",
                "http://localhost/suivi/" + requestId + "?token=" + confirmation.group(2) + "<");
    }

    @Test
    void theBlocksOfOtherProfilesAndTheDepartementsAfterNonAreIgnored() throws Exception {
        String siret = Sirets.random();
        MultiValueMap<String, String> form = with(validT1(siret), "profile", "T4");
        form = with(form, "t4.instructorNumber", "INS42");
        form = with(form, "t1.organisationType", "PAS_UN_TYPE");
        form = with(form, "t9.measures", "PAS_UNE_MESURE");
        form = with(form, "otherNeed", "x".repeat(600));
        form = with(form, "cafproConvention.departments", "99");
        form = with(form, "otherCafAccess.needed", "non");
        form = with(form, "otherCafAccess.motivation", "trop court");

        String location = mvc.perform(submit(form)).andExpect(status().isSeeOther()).andReturn().getResponse()
                .getHeader("Location");

        Matcher confirmation = CONFIRMATION.matcher(location);
        assertThat(confirmation.matches()).isTrue();
        AccessRequest stored = mongo.findById(confirmation.group(1), AccessRequest.class);
        assertThat(stored.request().profile()).isEqualTo(Profile.T4);
        assertThat(stored.request().t4().instructorNumber()).isEqualTo("INS42");
        assertThat(stored.request().t1()).isNull();
        assertThat(stored.request().t9()).isNull();
        assertThat(stored.request().otherNeed()).isNull();
        assertThat(stored.request().cafproConvention().departments()).isEmpty();
        assertThat(stored.request().otherCafAccess().needed()).isFalse();
        assertThat(stored.request().otherCafAccess().motivation()).isNull();
    }

    @Test
    void anInvalidFormComesBackWithEachErrorNextToItsFieldASummaryAndTheAnswersKept() throws Exception {
        String siret = Sirets.random();
        String badSiret = siret.substring(0, 13) + ((siret.charAt(13) - '0' + 1) % 10);
        MultiValueMap<String, String> form = with(validT1(siret), "organisation.siret", badSiret);
        form = with(form, "organisation.legalName", "");
        form = with(form, "organisation.email", "pas-une-adresse");
        form = with(form, "t1.staffRoles");
        form = with(form, "otherCafAccess.departments", "73, 99, 38");

        MvcResult result = mvc.perform(submit(form)).andExpect(status().isBadRequest()).andReturn();
        String page = html(result);

        assertThat(page).contains("<title>Erreur : votre demande n’a pas été envoyée");
        assertThat(page).contains("class=\"error-summary\"", "6 points à corriger");
        assertInOrder(page, "href=\"#legalName\">Raison sociale : Ce champ est obligatoire.",
                "href=\"#siret\">Numéro SIRET : Ce numéro SIRET n&#39;existe pas",
                "href=\"#email\">Adresse mail : L&#39;adresse électronique n&#39;est pas valide",
                "href=\"#t1-staffRoles-SOCIAL_WORKER\">Personnels qui consulteraient les dossiers (profil T1) : Cochez au moins une case.",
                "href=\"#otherCaf-departments\">Département(s) d’une autre Caf : « 99 » : Code de département inconnu",
                "href=\"#otherCaf-departments\">Département(s) d’une autre Caf : « 38 » : Ce département est celui de la Caf");
        // Next to the field: the message, tied to the input.
        assertThat(page).contains("id=\"siret-erreur\"", "aria-describedby=\"siret-aide siret-erreur\"")
                .containsPattern("id=\"siret\"[^>]*value=\"" + badSiret + "\"[^>]*aria-invalid=\"true\"")
                .containsPattern("id=\"legalName\"[^>]*aria-describedby=\"legalName-erreur\"[^>]*aria-invalid=\"true\"")
                .contains("id=\"t1-staffRoles-erreur\"")
                .containsPattern("<fieldset[^>]*id=\"t1-staffRoles\"[^>]*aria-describedby=\"t1-staffRoles-aide t1-staffRoles-erreur\"");
        // The answers are kept, including the choices.
        assertThat(page).contains("value=\"pas-une-adresse\"", "value=\"73, 99, 38\"",
                "Familles suivies résidant en Savoie voisine.")
                .containsPattern("id=\"profile-T1\"[^>]*checked")
                .containsPattern("id=\"t1-organisationType-LOCAL_AUTHORITY\"[^>]*checked")
                .containsPattern("id=\"otherCaf-oui\"[^>]*checked");
        assertThat(storedWith(siret)).isZero();
        assertThat(storedWith(badSiret)).isZero();
    }

    @Test
    void unansweredQuestionsAskToChooseAnAnswer() throws Exception {
        MultiValueMap<String, String> form = with(validT1(Sirets.random()), "profile");
        form = with(form, "cafproConvention.inOtherDepartment");
        form = with(form, "otherCafAccess.needed");

        String page = html(mvc.perform(submit(form)).andExpect(status().isBadRequest()).andReturn());

        assertThat(page).contains("href=\"#profile-T1\">Type de consultation : Choisissez une réponse.",
                "href=\"#cafpro-oui\">Convention Cafpro en cours avec un autre département : Choisissez une réponse.",
                "href=\"#otherCaf-oui\">Utilité de consulter les dossiers des allocataires d’une autre Caf : Choisissez une réponse.",
                "id=\"profile-erreur\"", "id=\"cafpro-erreur\"", "id=\"otherCaf-erreur\"");
    }

    @Test
    void aPostWithoutTheCsrfCookieOrWithAnotherTokenOrFromAnotherSiteIsRefusedAndStoresNothing() throws Exception {
        String siret = Sirets.random();
        String token = FormPosts.newCsrfToken();
        List<RequestBuilder> forged = List.of(
                raw(validT1(siret)).with(Api.anyClient()),
                raw(validT1(siret)).param(FormCsrf.FIELD, token).with(Api.anyClient()),
                raw(validT1(siret)).cookie(new Cookie(FormCsrf.COOKIE, token))
                        .with(Api.anyClient()),
                raw(validT1(siret)).cookie(new Cookie(FormCsrf.COOKIE, token))
                        .param(FormCsrf.FIELD, FormPosts.newCsrfToken()).with(Api.anyClient()),
                submit(validT1(siret)).header("Sec-Fetch-Site", "cross-site"));
        for (var post : forged) {
            String page = html(mvc.perform(post).andExpect(status().isForbidden()).andReturn());
            assertThat(page).contains("Votre envoi n’a pas pu être vérifié", "rien n’a été enregistré",
                    "value=\"CCAS de Exempleville\"");
        }
        assertThat(storedWith(siret)).isZero();

        mvc.perform(submit(validT1(siret)).header("Sec-Fetch-Site", "same-origin")).andExpect(status().isSeeOther());
        assertThat(storedWith(siret)).isOne();
    }

    @Test
    void theFormAndTheApiShareOneRateLimitPerClient() throws Exception {
        String client = "10.9." + (int) (Math.random() * 250) + "." + (1 + (int) (Math.random() * 250));
        for (int i = 0; i < 3; i++) {
            mvc.perform(Api.submit(Api.validBody(Sirets.random())).with(Api.client(client)))
                    .andExpect(status().isAccepted());
        }
        for (int i = 0; i < 2; i++) {
            mvc.perform(submit(validT1(Sirets.random())).with(Api.client(client))).andExpect(status().isSeeOther());
        }
        String siret = Sirets.random();
        MvcResult refused = mvc.perform(submit(validT1(siret)).with(Api.client(client)))
                .andExpect(status().isTooManyRequests()).andExpect(header().exists("Retry-After")).andReturn();

        assertThat(html(refused)).contains("Trop de demandes envoyées depuis cette adresse",
                "Vos réponses sont conservées.", "value=\"CCAS de Exempleville\"");
        assertThat(storedWith(siret)).isZero();
        mvc.perform(Api.submit(Api.validBody(Sirets.random())).with(Api.client(client)))
                .andExpect(status().isTooManyRequests());
    }

    @Test
    void theSameFormSentTwiceGivesOneRequestAndWithOtherAnswersAsksBeforeMakingAnother() throws Exception {
        String siret = Sirets.random();
        String key = FormPosts.newFormKey();
        String first = mvc.perform(submit(validT1(siret), key)).andExpect(status().isSeeOther()).andReturn()
                .getResponse().getHeader("Location");
        String again = mvc.perform(submit(validT1(siret), key)).andExpect(status().isSeeOther()).andReturn()
                .getResponse().getHeader("Location");
        assertThat(again).isEqualTo(first);
        assertThat(storedWith(siret)).isOne();

        MultiValueMap<String, String> changed = with(validT1(siret), "organisation.legalName", "CCAS de Autreville");
        String page = html(mvc.perform(submit(changed, key)).andExpect(status().isConflict()).andReturn());
        assertThat(page).contains("Ce formulaire a déjà servi à envoyer une demande", "value=\"CCAS de Autreville\"")
                .doesNotContain("value=\"" + key + "\"");
        assertThat(storedWith(siret)).isOne();
    }

    @Test
    void reloadingTheAddressOfThePostLeadsToTheForm() throws Exception {
        mvc.perform(get("/demande")).andExpect(status().isSeeOther()).andExpect(header().string("Location", "/"));
    }

    @Test
    void aConfirmationWithAWrongTokenIsNotFound() throws Exception {
        String location = mvc.perform(submit(validT1(Sirets.random()))).andReturn().getResponse().getHeader("Location");
        Matcher confirmation = CONFIRMATION.matcher(location);
        assertThat(confirmation.matches()).isTrue();

        String page = html(mvc.perform(get("/demande/" + confirmation.group(1) + "/confirmation")
                .param("token", otherToken(confirmation.group(2)))).andExpect(status().isNotFound()).andReturn());
        assertThat(page).contains("Demande introuvable").doesNotContain("CCAS de Exempleville");
        mvc.perform(get("/demande/" + UUID.randomUUID() + "/confirmation").param("token", confirmation.group(2)))
                .andExpect(status().isNotFound());
    }

    @Test
    void aPostAboveTheSizeLimitGetsA413PageAndStoresNothing() throws Exception {
        String siret = Sirets.random();
        String token = FormPosts.newCsrfToken();
        String body = "_csrf=" + token + "&organisation.siret=" + siret + "&otherNeed=" + "x".repeat(70_000);
        // Tomcat reads the parameters, so this goes over a real connection.
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/demande"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", FormCsrf.COOKIE + "=" + token)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                .startsWith("text/html"));
        assertThat(response.body()).contains("<html lang=\"fr\">", "Votre envoi est trop volumineux",
                "rien n’a été enregistré");
        assertThat(storedWith(siret)).isZero();
    }

    @Test
    void aTextPostedInMalformedOrOverlongUtf8IsRefusedAtItsFieldAndNothingIsStored() throws Exception {
        String siret = Sirets.random();
        String token = FormPosts.newCsrfToken();
        StringBuilder body = new StringBuilder("_csrf=" + token);
        FormPosts.with(FormPosts.validT1(siret), "organisation.legalName").forEach((name, values) -> values.forEach(
                value -> body.append('&').append(name).append('=').append(java.net.URLEncoder.encode(value, StandardCharsets.UTF_8))));
        // C0 BC is an overlong '<', E9 a Latin-1 'é': neither is UTF-8.
        body.append("&organisation.legalName=CCAS%C0%BCscript%E9");
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/demande"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", FormCsrf.COOKIE + "=" + token)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());

        // Tomcat refuses to decode the parameters at all: the French page says why, nothing is stored.
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("<html lang=\"fr\">", "Votre envoi n’a pas pu être lu",
                "caractères mal encodés", "rien n’a été enregistré").doesNotContain("CCAS<script");
        assertThat(storedWith(siret)).isZero();
    }

    @Test
    void aReplacementCharacterInATextIsRefusedAtItsFieldWithTheAnswersKept() throws Exception {
        String siret = Sirets.random();
        String page = html(mvc.perform(submit(FormPosts.with(validT1(siret), "organisation.address.city",
                "Exemple\uFFFDville"))).andExpect(status().isBadRequest()).andReturn());

        assertThat(page).contains("Ce champ contient des caractères mal encodés", "CCAS de Exempleville");
        assertThat(storedWith(siret)).isZero();
    }

    @Test
    void anInvisibleCharacterInATextIsRefusedAtItsField() throws Exception {
        String siret = Sirets.random();
        String page = html(mvc.perform(submit(FormPosts.with(validT1(siret), "organisation.legalName",
                "CCAS \u202Egnp.exe"))).andExpect(status().isBadRequest()).andReturn());

        assertThat(page).contains("Ce champ contient des caractères invisibles");
        assertThat(storedWith(siret)).isZero();
    }

    /** The form of a controller of this context, but for a deployment serving two Cafs, rendered by the application's views. */
    private String render(ModelAndView page, MockHttpServletRequest request,
                          MockHttpServletResponse response) throws Exception {
        views.resolveViewName(page.getViewName(), Locale.FRANCE).render(page.getModel(), request, response);
        return response.getContentAsString(StandardCharsets.UTF_8);
    }

    @Test
    void whereSeveralCafsAreServedThePartnerChoosesTheCafAndAnUnservedOneIsShownAtTheChoice() throws Exception {
        IntakeProperties twoCafs = new IntakeProperties(List.of("38", "73"), "38", ZoneId.of("Europe/Paris"),
                DataSize.ofKilobytes(64), new IntakeProperties.Idempotency(Duration.ofHours(24), Duration.ofHours(1)),
                new IntakeProperties.RateLimit(false, 1, Duration.ofMinutes(1)));
        var servingBoth = new AccessRequestValidator(twoCafs.served(), twoCafs.defaultCafCode(), new PhoneNumbers());
        var form = new MockHttpServletRequest("GET", "/");
        String page = render(new PartnerFormController(servingBoth, submissions, tracked, rateLimit, csrf,
                metrics, twoCafs).form(form, new MockHttpServletResponse()), form, new MockHttpServletResponse());

        assertThat(page).contains("<label class=\"label\" for=\"cafDepartment\">Caf à qui vous adressez votre demande</label>")
                .containsPattern("<option value=\"38\"\\s+selected[^>]*>Caf de l’Isère</option>")
                .contains("<option value=\"73\">Caf du département 73</option>")
                .doesNotContain("Votre demande est adressée à la", "destinataire (38)");

        // This context's validator serves 38 only: a choice of 73 comes back as an error at the choice.
        String siret = Sirets.random();
        String token = FormPosts.newCsrfToken();
        var post = new MockHttpServletRequest("POST", "/demande");
        post.setRemoteAddr("10.73." + (int) (Math.random() * 250) + "." + (1 + (int) (Math.random() * 250)));
        post.setCookies(new Cookie(FormCsrf.COOKIE, token));
        MultiValueMap<String, String> answers = with(with(validT1(siret), "cafDepartment", "73"),
                "otherCafAccess.departments", "01");
        answers.add(FormCsrf.FIELD, token);
        ModelAndView refused = new PartnerFormController(validator, submissions, tracked, rateLimit, csrf, metrics,
                twoCafs).submit(answers, post, new MockHttpServletResponse());
        assertThat(refused.getStatus()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(render(refused, post, new MockHttpServletResponse()))
                .contains("id=\"cafDepartment-erreur\"", "Ce service ne reçoit pas les demandes adressées à la Caf du département 73")
                .containsPattern("<option value=\"73\"\\s+selected[^>]*>Caf du département 73</option>")
                .containsPattern("<select id=\"cafDepartment\"[^>]*aria-describedby=\"cafDepartment-erreur\"[^>]*aria-invalid=\"true\"");

        // Served by both: the request goes to the Caf chosen.
        ModelAndView accepted = new PartnerFormController(servingBoth, submissions, tracked, rateLimit, csrf, metrics,
                twoCafs).submit(answers, post, new MockHttpServletResponse());
        String location = ((RedirectView) accepted.getView()).getUrl();
        Matcher confirmation = CONFIRMATION.matcher(location);
        assertThat(confirmation.matches()).as(location).isTrue();
        AccessRequest stored = mongo.findById(confirmation.group(1), AccessRequest.class);
        assertThat(stored.cafDepartment()).isEqualTo(DepartmentCode.of("73"));
        assertThat(stored.reference()).startsWith("CDAP-73-");
    }

    @Test
    void aFailureWhileStoringGivesAFrenchPageRatherThanTheApisJson() throws Exception {
        SubmissionService failing = mock(SubmissionService.class);
        when(failing.submit(any(), any()))
                .thenThrow(new DataAccessResourceFailureException("store unreachable"));
        // The application's controller, advice and views, around a submission service that fails.
        MockMvc pages = MockMvcBuilders.standaloneSetup(
                        new PartnerFormController(validator, failing, tracked, rateLimit, csrf, metrics, properties))
                .setControllerAdvice(apiErrors, new PageExceptionHandler(metrics))
                .setViewResolvers(views::resolveViewName).build();

        MvcResult result = pages.perform(submit(validT1(Sirets.random()))).andExpect(status().isInternalServerError())
                .andReturn();

        assertThat(result.getResponse().getContentType()).startsWith(MediaType.TEXT_HTML_VALUE);
        assertThat(html(result)).contains("<html lang=\"fr\">", "Le service n’a pas pu traiter votre demande",
                "vos réponses sont encore dans la page");
    }

    @Test
    void browsersGetSpringBootsErrorPageInFrenchToo() throws Exception {
        for (int code : new int[] {400, 404, 500}) {
            MvcResult result = mvc.perform(get("/error").accept(MediaType.TEXT_HTML)
                    .requestAttr(RequestDispatcher.ERROR_STATUS_CODE, code)).andReturn();
            assertThat(result.getResponse().getStatus()).isEqualTo(code);
            assertThat(html(result)).as("%d", code).contains("<html lang=\"fr\">", code == 404 ? "Page introuvable"
                    : code == 500 ? "Le service n’a pas pu traiter votre demande" : "Cette requête ne peut pas être traitée");
        }
    }
}
