package fr.caf38.cdap.intake.pages;

import fr.caf38.cdap.events.value.DecisionStatus;
import fr.caf38.cdap.intake.Api;
import fr.caf38.cdap.intake.IntakeIntegrationTest;
import fr.caf38.cdap.intake.Sirets;
import fr.caf38.cdap.intake.request.AccessRequest;
import fr.caf38.cdap.intake.request.AccessRequests;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.util.MultiValueMap;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static fr.caf38.cdap.intake.pages.FormPosts.amend;
import static fr.caf38.cdap.intake.pages.FormPosts.newAmendmentKey;
import static fr.caf38.cdap.intake.pages.FormPosts.rawAmend;
import static fr.caf38.cdap.intake.pages.FormPosts.submit;
import static fr.caf38.cdap.intake.pages.FormPosts.t2WithoutReference;
import static fr.caf38.cdap.intake.pages.FormPosts.validT1;
import static fr.caf38.cdap.intake.pages.FormPosts.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The partner's pages of a demande de compléments without JavaScript (MockMvc posts as a browser sends
 * them): the agent's message and the link on the tracking page, the form filled in with the current answers,
 * its errors, the amendment stored once however often the form is sent, the Caf and SIRET fixed, and the
 * pages for a request that cannot be changed now or a link that opens nothing.
 */
@IntakeIntegrationTest
class AmendmentPagesIntegrationTest {
    private static final Pattern CONFIRMATION = Pattern.compile("/demande/([0-9a-f-]{36})/confirmation\\?token=([A-Za-z0-9_-]+)");
    private static final String MESSAGE = "Indiquez la référence de la convention de subvention signée avec la Caf.\n"
            + "Sans elle, nous ne pouvons pas vérifier la subvention.";
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Autowired
    MockMvc mvc;
    @Autowired
    AccessRequests requests;
    @Autowired
    DecisionPublisher publisher;

    record Submitted(UUID requestId, String token, String siret, String reference) {
        String tracking() {
            return "/suivi/" + requestId + "?token=" + token;
        }

        String amendment() {
            return "/suivi/" + requestId + "/modifier?token=" + token;
        }

        String confirmation() {
            return "/suivi/" + requestId + "/modification-envoyee?token=" + token;
        }
    }

    private Submitted submitted(MultiValueMap<String, String> form, String siret) throws Exception {
        String location = mvc.perform(submit(form)).andExpect(status().isSeeOther()).andReturn()
                .getResponse().getHeader("Location");
        Matcher matcher = CONFIRMATION.matcher(location);
        assertThat(matcher.matches()).as(location).isTrue();
        UUID id = UUID.fromString(matcher.group(1));
        return new Submitted(id, matcher.group(2), siret, requests.findById(id).orElseThrow().reference());
    }

    /** A T2 request declaring a subsidy without its reference, which an agent sent back for changes. */
    private Submitted awaitingChanges() throws Exception {
        String siret = Sirets.random();
        Submitted request = submitted(t2WithoutReference(siret), siret);
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        publisher.publish(DecisionPublisher.decision(request.requestId(), request.reference(), siret,
                DecisionStatus.UNDER_REVIEW, 1, at.plusSeconds(1), null));
        publisher.publish(DecisionPublisher.decision(request.requestId(), request.reference(), siret,
                DecisionStatus.CHANGES_REQUESTED, 2, 1, at.plusSeconds(60), MESSAGE));
        awaitRequest(request, r -> "CHANGES_REQUESTED".equals(r.status()));
        return request;
    }

    private AccessRequest awaitRequest(Submitted request, Predicate<AccessRequest> until) {
        await().atMost(WAIT).until(() -> requests.findById(request.requestId()).map(until::test).orElse(false));
        return requests.findById(request.requestId()).orElseThrow();
    }

    /** The form as the amendment page shows it for this request, with the subsidy's reference typed in. */
    private static MultiValueMap<String, String> completed(Submitted request) {
        MultiValueMap<String, String> form = with(t2WithoutReference(request.siret()), "cafDepartment", "38");
        return with(form, "t2.subsidyReference", "SUB-38-2026-118");
    }

    private static String html(MvcResult result) throws Exception {
        return result.getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    private String page(String path) throws Exception {
        return html(mvc.perform(get(path)).andExpect(status().isOk()).andReturn());
    }

    @Test
    void theTrackingPageShowsTheAgentsMessageAndTheLinkToCompleteTheRequest() throws Exception {
        Submitted request = awaitingChanges();

        String page = page(request.tracking());

        assertThat(page).contains("État : <span>Compléments demandés au partenaire</span>",
                "La Caf vous demande de compléter votre demande", "Message de l’agent de la Caf",
                "Indiquez la référence de la convention de subvention signée avec la Caf.",
                "<a id=\"modifier\" class=\"button\" href=\"" + request.amendment() + "\">Compléter ma demande</a>",
                // Both decisions, the latest first, and the answers in short.
                "<h2 id=\"titre-decision\">Décisions</h2>", "Dernière décision", "<h3>Décision du ",
                "Vos réponses", "CCAS de Exempleville", FormAnswers.grouped(request.siret()),
                "T2 – Prestataires de services sociaux", "Subvention d’action sociale de la Caf", "non précisé");
        assertThat(page.indexOf("Compléments demandés au partenaire", page.indexOf("titre-decision")))
                .isLessThan(page.indexOf("En cours d’examen par la Caf", page.indexOf("titre-decision")));
        assertThat(page).doesNotContain("Version 1", "CHANGES_REQUESTED", "SUBMITTED");

        Submitted fresh = submitted(validT1(Sirets.random()), null);
        assertThat(page(fresh.tracking())).doesNotContain("id=\"modifier\"", "/modifier", "titre-decision");
    }

    @Test
    void theFormOpensFilledInWithTheCurrentAnswersTheMessageAboveItAndTheCafAndSiretReadOnly() throws Exception {
        Submitted request = awaitingChanges();

        MockHttpServletResponse response = mvc.perform(get(request.amendment())).andExpect(status().isOk())
                .andExpect(header().string("Cache-Control", "no-store"))
                .andExpect(header().string("Referrer-Policy", "no-referrer")).andReturn().getResponse();
        String page = response.getContentAsString(StandardCharsets.UTF_8);

        assertThat(response.getHeader("Set-Cookie")).startsWith(FormCsrf.COOKIE + "=");
        assertThat(page).contains("<title>Compléter votre demande", "<h1>Compléter votre demande</h1>",
                "Demande " + request.reference(), "Message de l’agent de la Caf",
                "Indiquez la référence de la convention de subvention signée avec la Caf.",
                "action=\"" + request.amendment() + "\"", "Envoyer la demande complétée",
                "ne peuvent pas être modifiés", "href=\"" + request.tracking() + "\"")
                .containsPattern("id=\"cafDepartment\" name=\"cafDepartment\" value=\"38\" readonly")
                .containsPattern("id=\"siret\" name=\"organisation.siret\" value=\"" + FormAnswers.grouped(request.siret())
                        + "\" readonly")
                .contains("id=\"legalName\" name=\"organisation.legalName\" value=\"CCAS de Exempleville\"",
                        "id=\"email\" name=\"organisation.email\" value=\"accueil@ccas-exemple.fr\"",
                        "id=\"phone\" name=\"organisation.phone\" value=\"04 76 00 00 00\"",
                        "id=\"t2-subsidyReference\" name=\"t2.subsidyReference\" value=\"\"")
                .containsPattern("id=\"profile-T2\"[^>]*checked")
                .containsPattern("id=\"t2-subsidy-oui\"[^>]*checked")
                .containsPattern("id=\"otherCaf-non\"[^>]*checked")
                .containsPattern("name=\"_cle\" value=\"modification-[0-9a-f-]{36}\"")
                .doesNotContain("Envoyer ma demande<", "Demande d’accès au service Mon Compte Partenaire</h1>");
        assertThat(page).containsPattern("<form id=\"formulaire\"");
    }

    @Test
    void aFormWithErrorsComesBackWithEveryErrorAndTheAnswersAndStoresNothing() throws Exception {
        Submitted request = awaitingChanges();
        MultiValueMap<String, String> form = with(completed(request), "organisation.email", "accueil@");
        form = with(form, "organisation.legalName", "CCAS de Exempleville-le-Haut");
        form = with(form, "t2.receivesCafSocialActionSubsidy");

        String page = html(mvc.perform(amend(request.requestId(), request.token(), form, newAmendmentKey()))
                .andExpect(status().isBadRequest()).andReturn());

        assertThat(page).contains("<title>Erreur : votre demande complétée n’a pas été envoyée",
                "2 points à corriger", "Adresse mail : L&#39;adresse électronique n&#39;est pas valide",
                "Subvention d’action sociale de la Caf (profil T2) : Choisissez une réponse.",
                "value=\"CCAS de Exempleville-le-Haut\"", "value=\"accueil@\"", "value=\"SUB-38-2026-118\"",
                "Indiquez la référence de la convention", "action=\"" + request.amendment() + "\"",
                "Envoyer la demande complétée");
        AccessRequest stored = requests.findById(request.requestId()).orElseThrow();
        assertThat(stored.revision()).isEqualTo(1);
        assertThat(stored.status()).isEqualTo("CHANGES_REQUESTED");
    }

    @Test
    void aValidFormIsStoredAsTheNextRevisionOnceHoweverOftenItIsSentAndTheTrackingPageFollows() throws Exception {
        Submitted request = awaitingChanges();
        String key = newAmendmentKey();

        String location = mvc.perform(amend(request.requestId(), request.token(), completed(request), key))
                .andExpect(status().isSeeOther()).andReturn().getResponse().getHeader("Location");

        assertThat(location).isEqualTo(request.confirmation());
        AccessRequest stored = requests.findById(request.requestId()).orElseThrow();
        assertThat(stored.revision()).isEqualTo(2);
        assertThat(stored.status()).isEqualTo(AccessRequest.SUBMITTED);
        assertThat(stored.request().t2().subsidyReference()).isEqualTo("SUB-38-2026-118");
        assertThat(stored.request().organisation().siret().value()).isEqualTo(request.siret());
        assertThat(page(location)).contains("<title>Demande complétée envoyée", "Demande complétée envoyée",
                request.reference(), "Version 2 de la demande", "examine à nouveau", "accusé de réception",
                "accueil@ccas-exemple.fr", "href=\"" + request.tracking() + "\"",
                "http://localhost/suivi/" + request.requestId() + "?token=" + request.token());

        // The same form sent again (a double click, a resent post): the same confirmation, nothing more stored.
        String again = mvc.perform(amend(request.requestId(), request.token(), completed(request), key))
                .andExpect(status().isSeeOther()).andReturn().getResponse().getHeader("Location");
        assertThat(again).isEqualTo(location);
        assertThat(requests.findById(request.requestId()).orElseThrow().revision()).isEqualTo(2);
        assertThat(requests.findById(request.requestId()).orElseThrow().timeline())
                .filteredOn(step -> "AMENDED".equals(step.event())).hasSize(1);

        String tracking = page(request.tracking());
        assertThat(tracking).contains("Reçue, en attente de décision", "Votre demande complétée est enregistrée",
                        "Version de la demande", "Vos réponses (version 2)", "SUB-38-2026-118",
                        "Demande complétée envoyée par le partenaire", MESSAGE.substring(0, 40))
                .doesNotContain("id=\"modifier\"");

        // The rules decide the amended answers: the page shows every decision and the answers they decided.
        publisher.publish(DecisionPublisher.decision(request.requestId(), request.reference(), request.siret(),
                DecisionStatus.APPROVED, 3, 2, Instant.now().plusSeconds(120), null));
        awaitRequest(request, r -> "APPROVED".equals(r.status()));
        String approved = page(request.tracking());
        assertThat(approved).contains("État : <span>Acceptée</span>", "SUB-38-2026-118", "Dernière décision",
                "Sur la demande", "Version 2", "Version 1", MESSAGE.substring(0, 40));
        assertThat(approved.indexOf("Acceptée", approved.indexOf("titre-decision")))
                .isLessThan(approved.indexOf("Compléments demandés au partenaire", approved.indexOf("titre-decision")));

        // Back on the amendment's address, nothing to change any more.
        assertThat(html(mvc.perform(get(request.amendment())).andExpect(status().isConflict()).andReturn()))
                .contains("Cette demande ne peut pas être modifiée maintenant", "Acceptée");
    }

    @Test
    void anotherSiretOrCafIsRefusedAtItsFieldAndTheFormShowsTheRequestsOwnAgain() throws Exception {
        Submitted request = awaitingChanges();
        String otherSiret = Sirets.random();
        MultiValueMap<String, String> form = with(completed(request), "organisation.siret", otherSiret);
        form = with(form, "cafDepartment", "73");

        String page = html(mvc.perform(amend(request.requestId(), request.token(), form, newAmendmentKey()))
                .andExpect(status().isBadRequest()).andReturn());

        assertThat(page).contains("2 points à corriger", "id=\"siret-erreur\"", "id=\"cafDepartment-erreur\"",
                        "Ce champ ne peut pas changer dans une demande de compléments : il reste « " + request.siret() + " »",
                        "Ce champ ne peut pas changer dans une demande de compléments : il reste « 38 »")
                .containsPattern("id=\"siret\" name=\"organisation.siret\" value=\"" + FormAnswers.grouped(request.siret())
                        + "\" readonly")
                .containsPattern("id=\"cafDepartment\" name=\"cafDepartment\" value=\"38\" readonly")
                .doesNotContain("value=\"" + otherSiret + "\"");
        assertThat(requests.findById(request.requestId()).orElseThrow().revision()).isEqualTo(1);

        // Left out altogether (the fields removed from the page), they stay the request's own.
        MultiValueMap<String, String> without = with(with(completed(request), "organisation.siret", ""), "cafDepartment");
        assertThat(html(mvc.perform(amend(request.requestId(), request.token(), without, newAmendmentKey()))
                .andExpect(status().isBadRequest()).andReturn())).contains("Ce champ est obligatoire");
        mvc.perform(amend(request.requestId(), request.token(), with(completed(request), "cafDepartment"),
                newAmendmentKey())).andExpect(status().isSeeOther());
        assertThat(requests.findById(request.requestId()).orElseThrow().cafDepartment().value()).isEqualTo("38");
    }

    @Test
    void aRequestThatIsNotWaitingForChangesCannotBeOpenedNorSentAndStoresNothing() throws Exception {
        String siret = Sirets.random();
        Submitted request = submitted(t2WithoutReference(siret), siret);

        String page = html(mvc.perform(get(request.amendment())).andExpect(status().isConflict())
                .andExpect(header().string("Cache-Control", "no-store")).andReturn());
        assertThat(page).contains("<title>Demande non modifiable", "Cette demande ne peut pas être modifiée maintenant",
                "Demande " + request.reference(), "Reçue, en attente de décision",
                "href=\"" + request.tracking() + "\"").doesNotContain("<form");

        for (MultiValueMap<String, String> form : List.of(completed(request),
                with(completed(request), "organisation.email", "accueil@"))) {
            assertThat(html(mvc.perform(amend(request.requestId(), request.token(), form, newAmendmentKey()))
                    .andExpect(status().isConflict()).andReturn()))
                    .contains("Cette demande ne peut pas être modifiée maintenant");
        }
        assertThat(requests.findById(request.requestId()).orElseThrow().revision()).isEqualTo(1);
        // Never amended: its amendment confirmation leads to the tracking page.
        mvc.perform(get(request.confirmation())).andExpect(status().isSeeOther())
                .andExpect(header().string("Location", request.tracking()));
    }

    @Test
    void aWrongTokenOrAnUnknownIdGetsTheTrackingPages404() throws Exception {
        Submitted request = awaitingChanges();
        String wrong = PartnerPagesIntegrationTest.otherToken(request.token());
        String notFound = html(mvc.perform(get("/suivi/" + request.requestId() + "?token=" + wrong))
                .andExpect(status().isNotFound()).andReturn());

        for (String path : List.of("/suivi/" + request.requestId() + "/modifier?token=" + wrong,
                "/suivi/" + request.requestId() + "/modifier",
                "/suivi/" + UUID.randomUUID() + "/modifier?token=" + request.token(),
                "/suivi/pas-un-uuid/modifier?token=" + request.token(),
                "/suivi/" + request.requestId() + "/modification-envoyee?token=" + wrong)) {
            assertThat(html(mvc.perform(get(path)).andExpect(status().isNotFound()).andReturn())).as(path)
                    .isEqualTo(notFound);
        }
        assertThat(html(mvc.perform(amend(request.requestId(), wrong, completed(request), newAmendmentKey()))
                .andExpect(status().isNotFound()).andReturn())).isEqualTo(notFound).contains("Demande introuvable");
        assertThat(requests.findById(request.requestId()).orElseThrow().revision()).isEqualTo(1);
    }

    @Test
    void aPostWithoutTheCsrfCookieIsRefusedWithTheAnswersKept() throws Exception {
        Submitted request = awaitingChanges();

        String page = html(mvc.perform(rawAmend(request.requestId(), request.token(), completed(request))
                .param(FormCsrf.FIELD, FormPosts.newCsrfToken()).with(Api.anyClient()))
                .andExpect(status().isForbidden()).andReturn());

        assertThat(page).contains("Votre demande complétée n’a pas été envoyée", "jeton de sécurité",
                "value=\"SUB-38-2026-118\"", "Envoyer la demande complétée");
        assertThat(requests.findById(request.requestId()).orElseThrow().revision()).isEqualTo(1);
    }

    @Test
    void theAmendmentFormSharesTheRateLimitOfTheApiAndTheSubmissionFormAndKeepsTheAnswers() throws Exception {
        Submitted request = awaitingChanges();
        String client = "10.15." + (int) (Math.random() * 250) + "." + (1 + (int) (Math.random() * 250));
        MultiValueMap<String, String> invalid = with(completed(request), "organisation.email", "accueil@");
        // The tests' allowance is 5 posts an hour per client: the first one is a submission form's.
        mvc.perform(submit(validT1(Sirets.random())).with(Api.client(client))).andExpect(status().isSeeOther());
        for (int i = 0; i < 4; i++) {
            mvc.perform(amend(request.requestId(), request.token(), invalid, newAmendmentKey()).with(Api.client(client)))
                    .andExpect(status().isBadRequest());
        }

        MvcResult refused = mvc.perform(amend(request.requestId(), request.token(), completed(request),
                newAmendmentKey()).with(Api.client(client))).andExpect(status().isTooManyRequests())
                .andExpect(header().exists("Retry-After")).andReturn();

        assertThat(html(refused)).contains("Votre demande complétée n’a pas été envoyée", "Vos réponses sont conservées.",
                "value=\"SUB-38-2026-118\"", "Envoyer la demande complétée");
        assertThat(requests.findById(request.requestId()).orElseThrow().revision()).isEqualTo(1);
    }

    @Test
    void aFormOfAnEarlierRoundSentWithOtherAnswersAsksBeforeMakingAnotherAmendment() throws Exception {
        Submitted request = awaitingChanges();
        String key = newAmendmentKey();
        mvc.perform(amend(request.requestId(), request.token(), completed(request), key))
                .andExpect(status().isSeeOther());
        // The rules find something else to complete: a second round of changes, about revision 2.
        publisher.publish(DecisionPublisher.decision(request.requestId(), request.reference(), request.siret(),
                DecisionStatus.CHANGES_REQUESTED, 3, 2, Instant.now().plusSeconds(120), "Précisez le téléphone."));
        awaitRequest(request, r -> "CHANGES_REQUESTED".equals(r.status()) && r.allDecisions().size() == 3);

        // The first round's form again (browser history), changed, with its own key.
        MultiValueMap<String, String> changed = with(completed(request), "organisation.phone", "04 76 11 22 33");
        String page = html(mvc.perform(amend(request.requestId(), request.token(), changed, key))
                .andExpect(status().isConflict()).andReturn());

        assertThat(page).contains("Ce formulaire a déjà servi à envoyer une demande complétée",
                "value=\"04 76 11 22 33\"", "Précisez le téléphone.").doesNotContain("name=\"_cle\" value=\"" + key + "\"");
        assertThat(requests.findById(request.requestId()).orElseThrow().revision()).isEqualTo(2);

        String newKey = Pattern.compile("name=\"_cle\" value=\"(modification-[0-9a-f-]{36})\"").matcher(page)
                .results().findFirst().orElseThrow().group(1);
        mvc.perform(amend(request.requestId(), request.token(), changed, newKey)).andExpect(status().isSeeOther());
        AccessRequest third = requests.findById(request.requestId()).orElseThrow();
        assertThat(third.revision()).isEqualTo(3);
        assertThat(third.request().organisation().phone()).isEqualTo("+33476112233");
        assertThat(page(request.confirmation())).contains("Version 3 de la demande");
    }
}
