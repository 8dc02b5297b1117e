package fr.caf38.cdap.eligibility.console;

import fr.caf38.cdap.eligibility.IntegrationTest;
import fr.caf38.cdap.eligibility.Requests;
import fr.caf38.cdap.eligibility.Sirets;
import fr.caf38.cdap.eligibility.decision.DecisionMaker;
import fr.caf38.cdap.eligibility.decision.DecisionStore;
import fr.caf38.cdap.eligibility.review.ReviewService;
import fr.caf38.cdap.events.RequestSubmitted;
import fr.caf38.cdap.events.request.SubmittedRequest;
import fr.caf38.cdap.events.value.DecisionStatus;
import org.springframework.http.MediaType;
import fr.caf38.cdap.events.value.Measure;
import fr.caf38.cdap.events.value.OrganisationType;
import fr.caf38.cdap.events.value.StaffRole;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * What the pages say, server-side (the browser test drives the same pages in Chromium): the
 * queue's order and ages, filters and their errors, the answers with French labels, the review
 * form's errors and the answers kept, and a review that comes too late.
 */
class ConsolePagesIntegrationTest extends IntegrationTest {
    private static final String MOTIVE = "Organisme vérifié auprès du service social départemental.";

    @Autowired
    MockMvc mvc;
    @Autowired
    DecisionMaker decisionMaker;
    @Autowired
    DecisionStore store;
    @Autowired
    ReviewService reviews;

    @Test
    void theQueueListsRequestsUnderReviewOldestFirstWithTheirAge() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String caf = "2B";
        RequestSubmitted older = decide(caf, t1Other(), now.minus(Duration.ofDays(3)).minus(Duration.ofHours(2)));
        RequestSubmitted newer = decide(caf, Requests.t2(Sirets.random(), true, null), now.minus(Duration.ofHours(5)));
        RequestSubmitted approved = decide(caf, Requests.t4(Sirets.random(), "RSA42"), now.minus(Duration.ofDays(4)));

        String queue = mvc.perform(get("/").param("department", caf).with(agent()))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(queue).contains(older.reference(), newer.reference()).doesNotContain(approved.reference());
        assertThat(queue.indexOf(older.reference())).isLessThan(queue.indexOf(newer.reference()));
        assertThat(queue).contains("il y a 3 jours", "il y a 5 heures", "Organisme à vérifier", "Subvention à vérifier");
        // The menu marks the page the agent is on, and only that one.
        assertThat(queue).contains("href=\"/\" aria-current=\"page\"").doesNotContain("aria-current=\"\"")
                .contains("<option value=\"UNDER_REVIEW\" selected=\"selected\">");

        // Another status, or every status ("" in the form), shows the others too.
        mvc.perform(get("/").param("department", caf).param("status", "").with(agent()))
                .andExpect(content().string(allOf(containsString(approved.reference()),
                        containsString(older.reference()))));
        mvc.perform(get("/").param("department", caf).param("profile", "T2").with(agent()))
                .andExpect(content().string(allOf(containsString(newer.reference()),
                        not(containsString(older.reference())))));
        mvc.perform(get("/decisions").param("department", caf).param("status", "APPROVED").with(agent()))
                .andExpect(content().string(allOf(containsString(approved.reference()),
                        not(containsString(newer.reference())))));
    }

    @Test
    void theDecisionsArePaged() throws Exception {
        String token = "Paginée " + java.util.UUID.randomUUID();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        int count = 52;
        for (int i = 0; i < count; i++) {
            decide("38", Requests.withLegalName(Requests.t4(Sirets.random(), "RSA" + i), token),
                    now.minus(Duration.ofMinutes(count - i)));
        }
        String first = mvc.perform(get("/decisions").param("q", token).with(agent()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(first).contains("52 décisions", "Page 1 sur 2", "Page suivante", "(lignes 1 à 50)")
                .doesNotContain("Page précédente");
        String second = mvc.perform(get("/decisions").param("q", token).param("page", "1").with(agent()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(second).contains("Page 2 sur 2", "Page précédente", "(lignes 51 à 52)");
    }

    @Test
    void invalidFiltersAreShownNextToTheirFieldsWithASummary() throws Exception {
        mvc.perform(get("/decisions").param("department", "20").param("profile", "T3").param("page", "x")
                        .with(agent()))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(allOf(
                        containsString("Le formulaire contient 3 erreurs"),
                        containsString("Département inconnu : choisissez un département dans la liste."),
                        containsString("href=\"#filtre-departement\""),
                        containsString("aria-describedby=\"filtre-departement-erreur\""),
                        containsString("aria-describedby=\"filtre-profil-erreur\""))));
    }

    @Test
    void theRequestPageShowsEveryAnswerAndFindingInFrench() throws Exception {
        SubmittedRequest answers = Requests.withCafproConvention(Requests.withOtherCafAccess(
                Requests.t1(Sirets.random(), OrganisationType.OTHER, StaffRole.SOCIAL_WORKER, StaffRole.ESF_ADVISER),
                "73", "74"), "01");
        RequestSubmitted event = decide("38", answers, Instant.now().truncatedTo(ChronoUnit.MILLIS));

        mvc.perform(get("/demandes/{id}", event.requestId()).with(agent()))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(
                        containsString(event.reference()),
                        containsString("CCAS de Exempleville"),
                        containsString("1 rue de l&#39;Exemple"),
                        containsString("04 76 00 00 00"),
                        containsString("accueil@exemple.fr"),
                        containsString("Autre organisme"),
                        containsString("Assistants de service social"),
                        containsString("Conseillers en économie sociale et familiale"),
                        containsString("Familles suivies résidant dans un département voisin."),
                        containsString("73 et 74"),
                        containsString("Convention Cafpro en cours avec un autre département"))))
                .andExpect(content().string(allOf(
                        containsString("À examiner"),
                        containsString("T1_ORGANISATION_TO_CHECK"),
                        containsString("OTHER_CAF_ACCESS_REQUESTED"),
                        containsString("CAFPRO_CONVENTION_ELSEWHERE"),
                        containsString("Information"),
                        containsString("Enregistrer la décision"))));

        RequestSubmitted t9 = decide("38", Requests.t9(Sirets.random(), Measure.MAJ, Measure.MJAGBF), Instant.now());
        mvc.perform(get("/demandes/{id}", t9.requestId()).with(agent()))
                .andExpect(content().string(allOf(
                        containsString("Mesures d’accompagnement judiciaire (mandataire à la protection des majeurs)"),
                        containsString("Critère rempli"),
                        not(containsString("Enregistrer la décision")))));
    }

    @Test
    void aMotiveWithControlOrInvisibleCharactersIsRefusedOnThePageAsOnTheApi() throws Exception {
        String id = decide("38", t1Other(), Instant.now()).requestId().toString();

        mvc.perform(post("/demandes/{id}/examen", id).with(agent()).with(csrf())
                        .param("status", "APPROVED").param("motive", "Motif vérifié\u001b[31m avec la Caf"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("Le motif contient des caractères de contrôle")));
        mvc.perform(post("/demandes/{id}/examen", id).with(agent()).with(csrf())
                        .param("status", "APPROVED").param("motive", "Motif vérifié \u202Egnp.exe"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("Le motif contient des caractères invisibles")));
        assertThat(store.find(id).orElseThrow().status()).isEqualTo(DecisionStatus.UNDER_REVIEW);

        mvc.perform(post("/demandes/{id}/examen", id).with(agent()).with(csrf())
                        .param("status", "APPROVED").param("motive", "Motif vérifié :\r\n– avec la Caf\u00A0;\r\n– sur place."))
                .andExpect(status().is3xxRedirection());
        assertThat(store.find(id).orElseThrow().decision().motive()).isEqualTo("Motif vérifié :\r\n– avec la Caf\u00A0;\r\n– sur place.");
    }

    @Test
    void aControlCharacterInTheSearchIsA400PageNotAStoreError() throws Exception {
        mvc.perform(get("/").queryParam("q", "\u0000").with(agent()).accept(MediaType.TEXT_HTML))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/api/v1/decisions").queryParam("q", "\u0000").with(agent()))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("CONTROL_CHARACTERS"));
    }

    @Test
    void anInvalidReviewShowsTheErrorsAndKeepsWhatWasTyped() throws Exception {
        String id = decide("38", t1Other(), Instant.now()).requestId().toString();

        mvc.perform(post("/demandes/{id}/examen", id).with(agent()).with(csrf()).param("motive", "Trop <court>"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(allOf(
                        containsString("Le formulaire contient 1 erreur"),
                        containsString("Choisissez une décision : accepter, refuser, réorienter vers Cafpro ou demander des compléments."),
                        containsString("aria-describedby=\"decision-erreur\""),
                        containsString("Trop &lt;court&gt;</textarea>"))));
        String tooShort = mvc.perform(post("/demandes/{id}/examen", id).with(agent()).with(csrf())
                        .param("status", "REJECTED").param("motive", "court"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(allOf(
                        containsString("Le motif doit compter de 10 à 2000 caractères ; il en compte 5."),
                        containsString("aria-describedby=\"motif-aide motif-erreur\""))))
                .andReturn().getResponse().getContentAsString();
        assertThat(radio(tooShort, "REJECTED")).contains("checked");
        assertThat(radio(tooShort, "APPROVED")).doesNotContain("checked");
        mvc.perform(post("/demandes/{id}/examen", id).with(agent()).with(csrf())
                        .param("status", "UNDER_REVIEW").param("motive", MOTIVE))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("Choisissez l’une des décisions proposées.")));
        assertThat(store.find(id).orElseThrow().status()).isEqualTo(DecisionStatus.UNDER_REVIEW);

        mvc.perform(post("/demandes/{id}/examen", id).with(agent()).with(csrf())
                        .param("status", "REDIRECTED_TO_CAFPRO").param("motive", MOTIVE))
                .andExpect(status().isFound())
                .andExpect(flash().attributeExists("saved"));
        var decided = store.find(id).orElseThrow();
        assertThat(decided.status()).isEqualTo(DecisionStatus.REDIRECTED_TO_CAFPRO);
        assertThat(decided.decision().agent()).isEqualTo("Agent Test");
        assertThat(decided.decision().motive()).isEqualTo(MOTIVE);
    }

    @Test
    void aReviewThatComesAfterAnotherAgentsSaysTheRequestWasAlreadyTreated() throws Exception {
        String id = decide("38", t1Other(), Instant.now()).requestId().toString();
        reviews.review(id, "REJECTED", "Organisme sans service social identifié.", "Agent Rapide", Set.of("38"));

        mvc.perform(post("/demandes/{id}/examen", id).with(agent()).with(csrf())
                        .param("status", "APPROVED").param("motive", MOTIVE))
                .andExpect(status().isConflict())
                .andExpect(content().string(allOf(
                        containsString("Cette demande a déjà été traitée"),
                        containsString("Agent Rapide"),
                        containsString("Refusée"),
                        containsString(MOTIVE),
                        not(containsString("Enregistrer la décision")))));
        assertThat(store.find(id).orElseThrow().status()).isEqualTo(DecisionStatus.REJECTED);
    }

    /** The radio button of this choice, as rendered. */
    private static String radio(String page, String choice) {
        var matcher = java.util.regex.Pattern.compile("<input type=\"radio\"[^>]*id=\"decision-" + choice + "\"[^>]*>")
                .matcher(page);
        assertThat(matcher.find()).as("radio button " + choice).isTrue();
        return matcher.group();
    }

    private static SubmittedRequest t1Other() {
        return Requests.t1(Sirets.random(), OrganisationType.OTHER, StaffRole.SOCIAL_WORKER);
    }

    private RequestSubmitted decide(String caf, SubmittedRequest request, Instant submittedAt) {
        RequestSubmitted event = Requests.submitted(caf, request, submittedAt.truncatedTo(ChronoUnit.MILLIS));
        assertThat(decisionMaker.decide(event)).isNotNull();
        return event;
    }

    /** An agent of every Caf these tests use (38, and 2B for a queue of this class's requests alone). */
    private static RequestPostProcessor agent() {
        return user("agent-several").roles("AGENT");
    }
}
