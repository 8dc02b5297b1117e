package fr.caf38.cdap.eligibility.console;

import fr.caf38.cdap.eligibility.IntegrationTest;
import fr.caf38.cdap.eligibility.Requests;
import fr.caf38.cdap.eligibility.Sirets;
import fr.caf38.cdap.eligibility.SubmissionPublisher;
import fr.caf38.cdap.eligibility.decision.DecisionDocument;
import fr.caf38.cdap.eligibility.decision.DecisionMaker;
import fr.caf38.cdap.eligibility.decision.DecisionStore;
import fr.caf38.cdap.eligibility.review.ReviewService;
import fr.caf38.cdap.events.EligibilityDecided;
import fr.caf38.cdap.events.RequestSubmitted;
import fr.caf38.cdap.events.Topics;
import fr.caf38.cdap.events.value.DecidedBy;
import fr.caf38.cdap.events.value.DecisionStatus;
import fr.caf38.cdap.events.value.OrganisationType;
import fr.caf38.cdap.events.value.StaffRole;
import fr.caf38.cdap.messaging.codec.EventCodec;
import fr.caf38.cdap.testinfra.Browser;
import fr.caf38.cdap.testinfra.TestInfrastructure;
import fr.caf38.cdap.testinfra.TopicProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The agents' console in a real browser (headless Chromium), on the real broker and store: sign in
 * (and a refused sign-in), the queue, a request, a review with errors then a valid one, the list of
 * decisions, and the EligibilityDecided the review publishes. One browser for the class; every test
 * starts signed out. Each page is saved under {@code target/screenshots/agents-*.png}.
 */
class AgentConsoleBrowserTest extends IntegrationTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(45);
    // Requests of this class go to a Caf no other test uses, so its filters find only them; it signs in
    // as an agent of that Caf (agent-several, of the tests' configuration).
    private static final String CAF = "974";
    private static final String MOTIVE = "Service social du CCAS confirmé par téléphone avec la directrice.";

    private static WebDriver browser;

    @LocalServerPort
    int port;
    @Autowired
    DecisionStore store;
    @Autowired
    DecisionMaker decisionMaker;
    @Autowired
    ReviewService reviews;
    @Autowired
    EventCodec codec;

    @BeforeAll
    static void openBrowser() {
        browser = Browser.open();
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @BeforeEach
    void signedOut() {
        browser.manage().deleteAllCookies();
    }

    @Test
    void aWrongPasswordIsRefusedWithTheErrorTiedToTheFields() {
        browser.get(url("/"));
        assertThat(browser.getCurrentUrl()).endsWith("/connexion");
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("fr");
        screenshot("agents-01-connexion");

        browser.findElement(By.id("identifiant")).sendKeys("agent");
        browser.findElement(By.id("mot-de-passe")).sendKeys("pas-le-bon");
        navigate(() -> browser.findElement(By.cssSelector("form.sign-in button[type=submit]")).click());

        assertThat(browser.getCurrentUrl()).endsWith("/connexion?erreur");
        assertThat(browser.findElement(By.cssSelector(".error-summary")).getText())
                .contains("Identifiant ou mot de passe incorrect");
        WebElement login = browser.findElement(By.id("identifiant"));
        assertThat(login.getDomProperty("value")).isEqualTo("agent");
        assertThat(login.getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(login.getAttribute("aria-describedby")).isEqualTo("identifiant-erreur");
        assertThat(browser.findElement(By.id("mot-de-passe")).getDomProperty("value")).isEmpty();
        screenshot("agents-02-connexion-refusee");

        // The summary's link leads to the field.
        browser.findElement(By.cssSelector(".error-summary a")).click();
        assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("identifiant");
    }

    @Test
    void anAgentApprovesARequestFromTheQueueAndTheDecisionIsPublished(TestInfrastructure infra) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        RequestSubmitted older = Requests.submitted(CAF, Requests.withOtherCafAccess(
                        Requests.t1(Sirets.random(), OrganisationType.OTHER, StaffRole.SOCIAL_WORKER), "973", "976"),
                now.minus(Duration.ofDays(3)).minus(Duration.ofHours(2)));
        RequestSubmitted newer = Requests.submitted(CAF, Requests.t2(Sirets.random(), true, null),
                now.minus(Duration.ofHours(20)));
        try (SubmissionPublisher publisher = new SubmissionPublisher(infra.kafkaBootstrapServers())) {
            publisher.publish(older);
            publisher.publish(newer);
        }
        awaitUnderReview(older);
        awaitUnderReview(newer);

        signIn("agent-several", "agent");
        assertThat(browser.getCurrentUrl()).isEqualTo(url("/"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("File d’attente");
        screenshot("agents-03-file-attente");

        // Filter the queue on this Caf: both requests, the oldest first, each with its age.
        new Select(browser.findElement(By.id("filtre-departement"))).selectByValue(CAF);
        navigate(() -> browser.findElement(By.cssSelector("#filtres button[type=submit]")).click());
        assertThat(browser.getCurrentUrl()).contains("department=" + CAF).contains("status=UNDER_REVIEW");
        List<String> rows = browser.findElements(By.cssSelector("table.list tbody tr")).stream()
                .map(WebElement::getText).toList();
        assertThat(rows).hasSizeGreaterThanOrEqualTo(2);
        int olderRow = indexOf(rows, older.reference());
        int newerRow = indexOf(rows, newer.reference());
        assertThat(olderRow).isNotNegative().isLessThan(newerRow);
        assertThat(rows.get(olderRow)).contains("il y a 3 jours", "Organisme à vérifier", "Accès à une autre Caf",
                "T1", CAF);
        assertThat(rows.get(newerRow)).contains("il y a 20 heures", "Subvention à vérifier", "T2");
        screenshot("agents-04-file-attente-filtree");

        // The request: the partner's answers and every finding.
        navigate(() -> browser.findElement(By.linkText(older.reference())).click());
        assertThat(browser.getCurrentUrl()).isEqualTo(url("/demandes/" + older.requestId()));
        assertThat(browser.findElement(By.tagName("h1")).getText()).contains(older.reference());
        String page = browser.findElement(By.id("contenu")).getText();
        assertThat(page).contains("CCAS de Exempleville", "Autre organisme", "Assistants de service social",
                "Familles suivies résidant dans un département voisin.", "973 et 976", "En cours d’examen");
        assertThat(browser.findElements(By.cssSelector(".findings .finding"))).hasSize(3);
        assertThat(browser.findElements(By.cssSelector(".finding .level")).stream().map(WebElement::getText))
                .containsExactly("À examiner par la Caf", "À examiner par la Caf", "Information");
        screenshot("agents-05-demande");

        // An invalid review: no decision chosen, a motive too short. Errors shown, the motive kept.
        browser.findElement(By.id("motif")).sendKeys("Trop court");
        browser.findElement(By.id("motif")).clear();
        browser.findElement(By.id("motif")).sendKeys("Vu.");
        navigate(() -> browser.findElement(By.cssSelector("form.review button[type=submit]")).click());
        WebElement summary = browser.findElement(By.cssSelector(".error-summary"));
        assertThat(summary.getText()).contains("Le formulaire contient 2 erreurs",
                "Choisissez une décision", "Le motif doit compter de 10 à 2000 caractères ; il en compte 3.");
        assertThat(browser.findElement(By.id("motif")).getDomProperty("value")).isEqualTo("Vu.");
        assertThat(browser.findElement(By.id("motif")).getAttribute("aria-describedby"))
                .isEqualTo("motif-aide motif-erreur");
        assertThat(browser.findElement(By.id("motif-erreur")).getText()).contains("il en compte 3");
        assertThat(browser.findElement(By.id("decision-erreur")).isDisplayed()).isTrue();
        assertThat(store.find(older.requestId().toString()).orElseThrow().status())
                .isEqualTo(DecisionStatus.UNDER_REVIEW);
        screenshot("agents-06-demande-erreurs");

        // A valid review, by keyboard: the decision's radio button, then the motive.
        try (TopicProbe decided = TopicProbe.on(infra.kafkaBootstrapServers(), Topics.REQUESTS_DECIDED)) {
            browser.findElement(By.cssSelector("label[for=decision-APPROVED]")).click();
            assertThat(browser.findElement(By.id("decision-APPROVED")).isSelected()).isTrue();
            WebElement motive = browser.findElement(By.id("motif"));
            motive.clear();
            motive.sendKeys(MOTIVE);
            motive.sendKeys(Keys.TAB);
            navigate(() -> browser.switchTo().activeElement().sendKeys(Keys.ENTER));

            assertThat(browser.getCurrentUrl()).isEqualTo(url("/demandes/" + older.requestId()));
            assertThat(browser.findElement(By.cssSelector(".notice-success")).getText())
                    .contains("Décision enregistrée", "Acceptée");
            assertThat(browser.findElement(By.cssSelector(".summary .badge")).getText()).isEqualTo("Acceptée");
            List<WebElement> history = browser.findElements(By.cssSelector("#historique-titre ~ div tbody tr"));
            assertThat(history).hasSize(2);
            assertThat(history.get(1).getText()).contains("Acceptée", "Agent Test", MOTIVE);
            assertThat(browser.findElements(By.cssSelector("form.review"))).isEmpty();
            screenshot("agents-07-demande-acceptee");

            EligibilityDecided published = codec.decode(decided.await(record -> {
                EligibilityDecided event = codec.decode(record.value(), EligibilityDecided.class);
                return event.requestId().equals(older.requestId()) && event.decisionNumber() == 2;
            }, 1, TIMEOUT).get(0).value(), EligibilityDecided.class);
            assertThat(published.status()).isEqualTo(DecisionStatus.APPROVED);
            assertThat(published.decidedBy()).isEqualTo(DecidedBy.AGENT);
            assertThat(published.agent()).isEqualTo("Agent Test");
            assertThat(published.motive()).isEqualTo(MOTIVE);
            assertThat(published.findings()).extracting(f -> f.code())
                    .containsExactly("T1_ORGANISATION_TO_CHECK", "OTHER_CAF_ACCESS_REQUESTED", "SIRET_NOT_VERIFIED");
        }

        // The decision in the list of all decisions; the queue no longer has it.
        navigate(() -> browser.findElement(By.linkText("Toutes les décisions")).click());
        assertThat(browser.findElement(By.linkText("Toutes les décisions")).getAttribute("aria-current"))
                .isEqualTo("page");
        new Select(browser.findElement(By.id("filtre-departement"))).selectByValue(CAF);
        browser.findElement(By.id("filtre-recherche")).sendKeys(older.reference());
        navigate(() -> browser.findElement(By.id("filtre-recherche")).sendKeys(Keys.ENTER));
        List<WebElement> decisions = browser.findElements(By.cssSelector("table.list tbody tr"));
        assertThat(decisions).hasSize(1);
        assertThat(decisions.get(0).getText()).contains(older.reference(), "Acceptée", "Un agent");
        screenshot("agents-08-decisions");

        browser.get(url("/?department=" + CAF));
        assertThat(browser.findElement(By.id("contenu")).getText())
                .doesNotContain(older.reference()).contains(newer.reference());
    }

    @Test
    void aReviewSentAfterAnotherAgentsDecisionSaysTheRequestWasAlreadyTreated() {
        RequestSubmitted event = Requests.submitted(CAF,
                Requests.t1(Sirets.random(), OrganisationType.OTHER, StaffRole.ESF_ADVISER),
                Instant.now().truncatedTo(ChronoUnit.MILLIS));
        assertThat(decisionMaker.decide(event)).isNotNull();
        signIn("agent-several", "agent");
        browser.get(url("/demandes/" + event.requestId()));
        browser.findElement(By.cssSelector("label[for=decision-APPROVED]")).click();
        browser.findElement(By.id("motif")).sendKeys(MOTIVE);

        // Meanwhile another agent decides.
        reviews.review(event.requestId().toString(), "REJECTED", "Conseillère ESF d'un organisme non habilité.",
                "Agent Rapide", Set.of(CAF));
        navigate(() -> browser.findElement(By.cssSelector("form.review button[type=submit]")).click());

        WebElement notice = browser.findElement(By.cssSelector(".notice-error"));
        assertThat(notice.getText()).contains("Cette demande a déjà été traitée", "Agent Rapide", "Refusée", MOTIVE);
        assertThat(browser.findElements(By.cssSelector("form.review"))).isEmpty();
        screenshot("agents-09-demande-deja-traitee");
    }

    @Test
    void aUserWithoutTheAgentRoleIsRefusedAndCanSignOut() {
        signIn("visitor", "agent");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Accès réservé aux agents");
        screenshot("agents-10-acces-refuse");

        navigate(() -> browser.findElement(By.cssSelector("#contenu form button[type=submit]")).click());
        assertThat(browser.getCurrentUrl()).endsWith("/connexion?deconnexion");
        assertThat(browser.findElement(By.cssSelector(".notice-success")).getText()).contains("Vous êtes déconnecté");
    }

    @Test
    void anUnknownRequestShowsAPageNotFoundInFrench() {
        signIn("agent-several", "agent");
        navigate(() -> browser.get(url("/demandes/" + java.util.UUID.randomUUID())));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Demande introuvable");
        assertThat(browser.findElement(By.linkText("Retour à la file d’attente")).isDisplayed()).isTrue();
        screenshot("agents-11-demande-introuvable");
    }

    @Test
    void theKeyboardReachesTheSkipLinkFirstAndItsFocusIsVisible() {
        signIn("agent-several", "agent");
        browser.get(url("/"));
        browser.findElement(By.tagName("body")).sendKeys(Keys.TAB);
        WebElement focused = browser.switchTo().activeElement();
        assertThat(focused.getText()).isEqualTo("Aller au contenu");
        assertThat(focused.isDisplayed()).isTrue();
        focused.sendKeys(Keys.TAB);
        WebElement brand = browser.switchTo().activeElement();
        assertThat(brand.getText()).contains("Cdap");
        // The console's own focus style (a yellow band), not only the browser's default ring.
        assertThat(brand.getCssValue("background-color")).isEqualTo("rgba(255, 191, 31, 1)");
        screenshot("agents-12-focus-clavier");
    }

    @Test
    void anAgentAsksForChangesSeesTheRequestWaitForThePartnerThenReadsBothRevisionsAndWhatChanged(
            TestInfrastructure infra) {
        RequestSubmitted submitted = Requests.submitted(CAF, Requests.t2(Sirets.random(), true, null),
                Instant.now().truncatedTo(ChronoUnit.MILLIS).minus(Duration.ofHours(5)));
        try (SubmissionPublisher publisher = new SubmissionPublisher(infra.kafkaBootstrapServers())) {
            publisher.publish(submitted);
        }
        awaitUnderReview(submitted);
        String id = submitted.requestId().toString();

        signIn("agent-several", "agent");
        browser.get(url("/demandes/" + id));
        assertThat(browser.findElement(By.cssSelector("label[for=decision-CHANGES_REQUESTED]")).getText())
                .isEqualTo("Demander des compléments au partenaire");
        assertThat(browser.findElement(By.id("decision-CHANGES_REQUESTED-aide")).getText())
                .contains("le partenaire reçoit votre message");
        browser.findElement(By.cssSelector("label[for=decision-CHANGES_REQUESTED]")).click();
        browser.findElement(By.id("motif")).sendKeys("Merci d'indiquer la référence de votre subvention Caf.");
        navigate(() -> browser.findElement(By.cssSelector("form.review button[type=submit]")).click());
        assertThat(browser.findElement(By.cssSelector(".notice-success")).getText())
                .contains("Compléments demandés au partenaire");
        assertThat(store.find(id).orElseThrow().status()).isEqualTo(DecisionStatus.CHANGES_REQUESTED);
        screenshot("agents-13-complements-demandes");

        // The queue shows it waiting for the partner, with how long it has waited; the filter lists it too.
        browser.get(url("/?department=" + CAF));
        List<String> waiting = browser.findElements(By.cssSelector("#attente-partenaire tbody tr")).stream()
                .map(WebElement::getText).toList();
        assertThat(waiting.get(indexOf(waiting, submitted.reference()))).contains("à l’instant", "T2", CAF);
        assertThat(browser.findElements(By.cssSelector("#resultats tbody tr")).stream().map(WebElement::getText))
                .noneMatch(row -> row.contains(submitted.reference()));
        screenshot("agents-14-file-attente-partenaire");
        new Select(browser.findElement(By.id("filtre-statut"))).selectByValue("CHANGES_REQUESTED");
        navigate(() -> browser.findElement(By.cssSelector("#filtres button[type=submit]")).click());
        assertThat(browser.getCurrentUrl()).contains("status=CHANGES_REQUESTED");
        List<String> filtered = browser.findElements(By.cssSelector("#resultats tbody tr")).stream()
                .map(WebElement::getText).toList();
        assertThat(filtered.get(indexOf(filtered, submitted.reference()))).contains("à l’instant",
                "Compléments demandés au partenaire");

        // The partner amends it: decided again by the rules, and the page shows both revisions and the change.
        try (SubmissionPublisher publisher = new SubmissionPublisher(infra.kafkaBootstrapServers())) {
            publisher.publish(fr.caf38.cdap.events.RequestAmended.of(submitted.requestId(), submitted.reference(),
                    submitted.cafDepartment(), Instant.now(), 2,
                    Requests.t2(submitted.request().organisation().siret(), true, "SUB-974-2026-1")));
        }
        await().atMost(TIMEOUT).until(() -> store.find(id).orElseThrow().status() == DecisionStatus.APPROVED);
        browser.get(url("/demandes/" + id));
        String versions = browser.findElement(By.id("versions")).getText();
        assertThat(versions).contains("Version 1", "Version 2", "Réponses modifiées depuis la version 1");
        assertThat(browser.findElements(By.cssSelector("#version-2 table.changes tbody tr")).stream()
                .map(WebElement::getText))
                .containsExactly("Référence de la subvention — SUB-974-2026-1");
        assertThat(browser.findElements(By.cssSelector("#version-1 table.changes"))).isEmpty();
        List<String> history = browser.findElements(By.cssSelector("#historique-titre ~ .table-scroll tbody tr"))
                .stream().map(WebElement::getText).toList();
        assertThat(history).hasSize(3);
        assertThat(history.get(1)).contains("Compléments demandés au partenaire", "Agent Test");
        assertThat(history.get(2)).startsWith("3 2").contains("Acceptée");
        assertThat(browser.findElement(By.id("contenu")).getText()).contains("SUB-974-2026-1");
        screenshot("agents-15-demande-versions");
        browser.get(url("/?department=" + CAF));
        assertThat(browser.findElements(By.cssSelector("#attente-partenaire tbody tr")).stream()
                .map(WebElement::getText)).noneMatch(row -> row.contains(submitted.reference()));
    }

    private void signIn(String username, String password) {
        browser.get(url("/connexion"));
        browser.findElement(By.id("identifiant")).sendKeys(username);
        browser.findElement(By.id("mot-de-passe")).sendKeys(password);
        navigate(() -> browser.findElement(By.cssSelector("form.sign-in button[type=submit]")).click());
    }

    /** Does what leads to another page, and waits until that page has replaced this one. */
    private static void navigate(Runnable action) {
        // A mark on this page's window: the next page's window will not have it.
        JavascriptExecutor script = (JavascriptExecutor) browser;
        script.executeScript("window.cdapPreviousPage = true;");
        action.run();
        new WebDriverWait(browser, Duration.ofSeconds(15)).until(driver -> Boolean.TRUE.equals(script.executeScript(
                "return window.cdapPreviousPage === undefined && document.readyState === 'complete';")));
    }

    private void awaitUnderReview(RequestSubmitted event) {
        await().atMost(TIMEOUT).until(() -> store.find(event.requestId().toString())
                .map(DecisionDocument::status).orElse(null) == DecisionStatus.UNDER_REVIEW);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private static int indexOf(List<String> rows, String reference) {
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).contains(reference)) {
                return i;
            }
        }
        return -1;
    }

    /** The whole page, not just the window: the window is stretched to the page's height for the shot. */
    private static void screenshot(String name) {
        Dimension window = browser.manage().window().getSize();
        Object heights = ((JavascriptExecutor) browser).executeScript(
                "return [document.body.scrollHeight, window.innerHeight];");
        List<?> measured = heights instanceof List<?> list ? list : List.of(window.getHeight(), window.getHeight());
        int pageHeight = ((Number) measured.get(0)).intValue();
        // What the window's frame takes besides the page, so the page fits exactly.
        int frame = window.getHeight() - ((Number) measured.get(1)).intValue();
        try {
            browser.manage().window().setSize(new Dimension(window.getWidth(), pageHeight + frame));
            Browser.screenshot(browser, name);
        } finally {
            browser.manage().window().setSize(window);
        }
    }
}
