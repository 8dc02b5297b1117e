package fr.caf38.cdap.notification.email;

import fr.caf38.cdap.events.EligibilityDecided;
import fr.caf38.cdap.events.Finding;
import fr.caf38.cdap.events.RequestSubmitted;
import fr.caf38.cdap.events.request.Address;
import fr.caf38.cdap.events.request.CafproConvention;
import fr.caf38.cdap.events.request.Organisation;
import fr.caf38.cdap.events.request.OtherCafAccess;
import fr.caf38.cdap.events.request.SubmittedRequest;
import fr.caf38.cdap.events.request.T2Details;
import fr.caf38.cdap.events.request.T4Details;
import fr.caf38.cdap.events.request.T9Details;
import fr.caf38.cdap.events.value.DecisionStatus;
import fr.caf38.cdap.events.value.DepartmentCode;
import fr.caf38.cdap.events.value.FindingLevel;
import fr.caf38.cdap.events.value.Measure;
import fr.caf38.cdap.events.value.Profile;
import fr.caf38.cdap.messaging.tracking.TrackingTokens;
import fr.caf38.cdap.notification.support.TestEvents;
import fr.caf38.cdap.notification.support.TestSirets;
import org.junit.jupiter.api.Test;
import org.springframework.web.util.HtmlUtils;

import java.util.List;

import static fr.caf38.cdap.notification.support.Fixtures.ISERE;
import static fr.caf38.cdap.notification.support.Fixtures.SECRET;
import static org.assertj.core.api.Assertions.assertThat;

class EmailRendererTest {
    private final EmailRenderer renderer = new EmailRenderer();
    private final RequestSubmitted submitted = TestEvents.submitted("accueil@ccas-exemple.fr");

    private String trackingUrl(RequestSubmitted event) {
        return "https://partenaires.test/suivi/" + event.requestId() + "?token="
                + new TrackingTokens(SECRET).tokenFor(event.requestId());
    }

    @Test
    void theAcknowledgementGivesTheReferenceTheProfileASummaryAndTheTrackingLink() {
        RenderedEmail email = renderer.acknowledgement(submitted, ISERE, trackingUrl(submitted));

        assertThat(email.subject()).isEqualTo("Accusé de réception de votre demande d'accès à Mon Compte Partenaire – "
                + submitted.reference());
        String siret = submitted.request().organisation().siret().value();
        for (String body : bodies(email)) {
            assertThat(body).contains("Caf de l'Isère a bien reçu votre demande", submitted.reference(),
                    "T1 – Action sociale", "Récapitulatif de vos réponses", "CCAS de Exempleville",
                    siret.substring(0, 3) + " " + siret.substring(3, 6) + " " + siret.substring(6, 9) + " "
                            + siret.substring(9),
                    "1 rue de l", "38100 Exempleville", "accueil@ccas-exemple.fr", "+33476000000",
                    "Collectivité territoriale (commune, CCAS…)", "Assistants de service social",
                    "Convention Cafpro en cours avec un autre département", "Utilité de consulter les dossiers des allocataires d",
                    "oui (73)", "Familles suivies résidant en Savoie voisine.", trackingUrl(submitted),
                    "partenaires@caf38.localhost", "04 76 00 00 00");
        }
        assertThat(email.text()).contains("Ce lien est personnel");
        assertThat(email.html()).contains("<a href=\"" + trackingUrl(submitted) + "\">")
                .startsWith("<!DOCTYPE html>").contains("<html lang=\"fr\">");
    }

    @Test
    void theAcknowledgementSummarisesTheDetailsOfEveryProfile() {
        var organisation = submitted.request().organisation();
        assertThat(summary(request(organisation, Profile.T2, new T2Details(true, "SUB-2025-17"), null, null, null)))
                .contains("T2 – Prestataires de services sociaux", "Subvention d’action sociale de la Caf : Oui",
                        "Référence de la subvention : SUB-2025-17");
        assertThat(summary(request(organisation, Profile.T4, null, new T4Details("INS4242"), null, null)))
                .contains("T4 – Services instructeurs Rsa", "Numéro instructeur : INS4242");
        assertThat(summary(request(organisation, Profile.T9, null, null,
                new T9Details(List.of(Measure.GUARDIANSHIP_OR_CURATORSHIP, Measure.MJAGBF)), null)))
                .contains("T9 – Mesures de protection des majeurs et de l’enfance (ex-profil tuteurs)",
                        "Mesures de protection exercées : Tutelles ou curatelles (jugement), Mesures judiciaires d’aide à la gestion du budget "
                                + "familial (délégués aux prestations familiales)");
        assertThat(summary(request(organisation, Profile.OTHER, null, null, null, "bailleur social")))
                .contains("Autre profil (relève de Cafpro)", "Besoin exprimé : bailleur social",
                        "Convention Cafpro en cours avec un autre département : oui (01, 2A)");
    }

    @Test
    void underReviewSaysAnAgentExaminesTheRequestAndWhy() {
        RenderedEmail email = renderer.decision(TestEvents.decided(submitted, DecisionStatus.UNDER_REVIEW, 1), ISERE);

        assertThat(email.subject()).isEqualTo("Votre demande " + submitted.reference() + " est en cours d'examen par la Caf");
        for (String body : bodies(email)) {
            assertThat(body).contains("un agent de la Caf de l'Isère l'examine", "Pourquoi",
                    "consulter les dossiers d'une autre Caf (73)", "dès qu'une décision sera prise")
                    .doesNotContain("relèvent du profil T1");
        }
    }

    @Test
    void approvalGivesTheNextSteps() {
        RenderedEmail email = renderer.decision(TestEvents.decided(submitted, DecisionStatus.APPROVED, 1), ISERE);

        assertThat(email.subject()).isEqualTo("Votre demande " + submitted.reference() + " est acceptée : prochaines étapes");
        for (String body : bodies(email)) {
            assertThat(body).contains("acceptée", "Prochaines étapes",
                    "la convention d'accès à Mon Compte Partenaire", "le contrat de service Cdap",
                    "le bulletin d'adhésion, sur lequel vous désignerez les personnels",
                    "l'accès sera ouvert").doesNotContain("Commentaire de la Caf");
        }
    }

    @Test
    void anAgentsApprovalCarriesTheAgentsMotive() {
        RenderedEmail email = renderer.decision(TestEvents.decided(submitted, DecisionStatus.APPROVED, 2), ISERE);

        assertThat(email.text()).contains("Commentaire de la Caf", "« Après vérification auprès de l'organisme");
        assertThat(email.html()).contains("Après vérification auprès de l&#39;organisme");
    }

    @Test
    void aRejectionGivesEachReasonInFrenchTheMotiveAndWhomToContact() {
        EligibilityDecided decided = TestEvents.decided(submitted, DecisionStatus.REJECTED, 1,
                TestEvents.findingsFor(DecisionStatus.REJECTED), "Le numéro SIRET indiqué est celui d'un établissement fermé.");
        RenderedEmail email = renderer.decision(decided, ISERE);

        assertThat(email.subject()).isEqualTo("Votre demande " + submitted.reference() + " n'est pas acceptée");
        assertThat(email.text()).contains("Motifs :",
                "- Aucun des personnels indiqués n'est éligible au profil T1 pour ce type d'organisme.",
                "- L'établissement correspondant à ce numéro SIRET est fermé.",
                "Motif de la décision de l'agent", "« Le numéro SIRET indiqué est celui d'un établissement fermé. »",
                "contactez le service partenaires de la Caf de l'Isère : partenaires@caf38.localhost, 04 76 00 00 00");
        assertThat(email.html()).contains("<li>Aucun des personnels indiqués n&#39;est éligible",
                "<li>L&#39;établissement correspondant", "mailto:partenaires@caf38.localhost");
    }

    @Test
    void anAgentsRejectionAfterReviewStillSaysWhy() {
        EligibilityDecided decided = TestEvents.decided(submitted, DecisionStatus.REJECTED, 2,
                TestEvents.findingsFor(DecisionStatus.UNDER_REVIEW), null);

        assertThat(renderer.decision(decided, ISERE).text())
                .contains("Motifs :", "- Vous demandez à consulter les dossiers d'une autre Caf (73)");
    }

    @Test
    void aRedirectionSaysWhyAndHowToRequestCafpro() {
        RenderedEmail email = renderer.decision(TestEvents.decided(submitted, DecisionStatus.REDIRECTED_TO_CAFPRO, 1),
                ISERE);

        assertThat(email.subject()).isEqualTo("Votre demande " + submitted.reference() + " relève de Cafpro");
        for (String body : bodies(email)) {
            assertThat(body).contains("Pourquoi", "aucun profil Cdap", "bailleurs sociaux",
                    "un accès à Cafpro", "convention Cafpro", "partenaires@caf38.localhost",
                    submitted.reference());
        }
    }

    @Test
    void theAgentsNoticeNamesTheRequestAndLinksToIt() {
        EligibilityDecided decided = TestEvents.decided(submitted, DecisionStatus.UNDER_REVIEW, 1);
        String link = "https://agents.test/demandes/" + submitted.requestId();
        RenderedEmail email = renderer.agentReviewNotice(decided, ISERE, link);

        assertThat(email.subject()).isEqualTo("Demande à examiner : " + submitted.reference() + " – CCAS de Exempleville");
        assertThat(email.text()).contains("attend l'examen d'un agent de la Caf de l'Isère", "Points à examiner",
                "consulter les dossiers d'une autre Caf (73)", "Profil demandé : T1 – Action sociale", link);
        assertThat(email.html()).contains("<a href=\"" + link + "\">");
    }

    @Test
    void markupInTheLegalNameIsEscapedInHtml() {
        String legalName = "<script>alert('x')</script> & Cie";
        RequestSubmitted hostile = TestEvents.submitted(TestEvents.t1Request(legalName, TestSirets.random(),
                "accueil@ccas-exemple.fr"));
        EligibilityDecided decided = TestEvents.decided(hostile, DecisionStatus.UNDER_REVIEW, 1,
                List.of(new Finding("X", FindingLevel.REVIEW, "<img src=x onerror=alert(1)>")),
                "<b>motif</b>");

        List<RenderedEmail> emails = List.of(
                renderer.acknowledgement(hostile, ISERE, trackingUrl(hostile)),
                renderer.decision(decided, ISERE),
                renderer.agentReviewNotice(decided, ISERE, "https://agents.test/demandes/" + hostile.requestId()));
        for (RenderedEmail email : emails) {
            assertThat(email.html()).doesNotContain("<script>", "<img", "<b>motif")
                    .doesNotContainPattern("(?i)<script");
        }
        assertThat(emails.get(0).html()).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; Cie");
        assertThat(emails.get(2).html()).contains("&lt;script&gt;");
        assertThat(emails.get(1).html()).contains("&lt;img src=x onerror=alert(1)&gt;");
        // Plain text is not markup: the name reads as typed.
        assertThat(emails.get(0).text()).contains(legalName);
    }

    @Test
    void noSubjectKeepsALineBreak() {
        RequestSubmitted hostile = TestEvents.submitted(TestEvents.t1Request("Évil\r\nBcc: pirate@exemple.test",
                TestSirets.random(), "accueil@ccas-exemple.fr"));
        EligibilityDecided decided = TestEvents.decided(hostile, DecisionStatus.UNDER_REVIEW, 1);

        RenderedEmail notice = renderer.agentReviewNotice(decided, ISERE, "https://agents.test/demandes/x");

        assertThat(notice.subject()).doesNotContain("\r", "\n").endsWith("Évil Bcc: pirate@exemple.test");
    }

    /** Both bodies, the HTML one as a reader sees it (entities decoded). */
    private static List<String> bodies(RenderedEmail email) {
        return List.of(email.text(), HtmlUtils.htmlUnescape(email.html()));
    }

    private String summary(SubmittedRequest request) {
        RequestSubmitted event = TestEvents.submitted(request);
        return renderer.acknowledgement(event, ISERE, trackingUrl(event)).text();
    }

    private static SubmittedRequest request(Organisation organisation, Profile profile, T2Details t2, T4Details t4,
                                            T9Details t9, String otherNeed) {
        return new SubmittedRequest(new Organisation(organisation.legalName(), organisation.siret(),
                new Address("2 avenue du Test", "Bâtiment B", "38000", "Grenoble"), organisation.email(),
                organisation.phone()), profile, null, t2, t4, t9, otherNeed,
                new CafproConvention(true, List.of(DepartmentCode.of("01"), DepartmentCode.of("2A"))),
                OtherCafAccess.notNeeded());
    }
}
