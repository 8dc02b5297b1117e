package fr.caf38.cdap.intake.pages;

import fr.caf38.cdap.events.value.DecisionStatus;
import fr.caf38.cdap.intake.IntakeIntegrationTest;
import fr.caf38.cdap.intake.Sirets;
import fr.caf38.cdap.intake.request.AccessRequest;
import fr.caf38.cdap.intake.request.AccessRequests;
import fr.caf38.cdap.testinfra.Browser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.servlet.MockMvc;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static fr.caf38.cdap.intake.pages.FormPosts.submit;
import static fr.caf38.cdap.intake.pages.FormPosts.t2WithoutReference;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A demande de compléments in a real browser (headless Chromium) on the running service: the tracking page
 * shows the agent's message and its link, the form opens filled in with the request's answers, the partner
 * types the subsidy's reference and gets the confirmation; and the same without JavaScript, through an error.
 * The browser reaches the server through a {@link ClientAddressRelay}, from a loopback address of its own,
 * so its posts (3) do not eat the allowance of 127.0.0.1 that the other browser tests share. Each page is
 * saved under {@code target/screenshots/complements-*.png}.
 */
@IntakeIntegrationTest
class AmendmentPagesBrowserTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern CONFIRMATION = Pattern.compile("/demande/([0-9a-f-]{36})/confirmation\\?token=([A-Za-z0-9_-]+)");
    private static final String MESSAGE = "Indiquez la référence de la convention de subvention signée avec la Caf.";

    private static WebDriver browser;
    private FormPage page;
    private static ClientAddressRelay relay;

    @LocalServerPort
    int port;
    @Autowired
    MockMvc mvc;
    @Autowired
    AccessRequests requests;
    @Autowired
    DecisionPublisher publisher;

    @BeforeAll
    static void openBrowser() {
        browser = Browser.open();
    }

    @AfterAll
    static void closeBrowser() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (relay != null) {
            relay.close();
            relay = null;
        }
    }

    @BeforeEach
    void relay() {
        if (relay == null) {
            relay = ClientAddressRelay.to(port);
        }
        page = new FormPage(browser, "http://127.0.0.1:" + relay.port(), "complements-");
    }

    record Waiting(UUID requestId, String token, String reference) {
    }

    /** A T2 request declaring a subsidy without its reference, sent back by an agent for changes. */
    private Waiting awaitingChanges() throws Exception {
        String siret = Sirets.random();
        String location = mvc.perform(submit(t2WithoutReference(siret))).andExpect(status().isSeeOther()).andReturn()
                .getResponse().getHeader("Location");
        Matcher confirmation = CONFIRMATION.matcher(location);
        assertThat(confirmation.matches()).isTrue();
        UUID requestId = UUID.fromString(confirmation.group(1));
        String reference = requests.findById(requestId).orElseThrow().reference();
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        publisher.publish(DecisionPublisher.decision(requestId, reference, siret, DecisionStatus.UNDER_REVIEW, 1,
                at.plusSeconds(1), null));
        publisher.publish(DecisionPublisher.decision(requestId, reference, siret, DecisionStatus.CHANGES_REQUESTED, 2,
                1, at.plusSeconds(60), MESSAGE));
        await().atMost(TIMEOUT).until(() -> requests.findById(requestId)
                .map(r -> "CHANGES_REQUESTED".equals(r.status())).orElse(false));
        return new Waiting(requestId, confirmation.group(2), reference);
    }

    @Test
    void thePartnerFollowsTheTrackingPagesLinkCompletesThePrefilledFormAndGetsTheConfirmation() throws Exception {
        Waiting request = awaitingChanges();

        page.open("/suivi/" + request.requestId() + "?token=" + request.token());
        assertThat(page.id("contenu").findElement(By.className("status-title")).getText())
                .isEqualTo("État : Compléments demandés au partenaire");
        assertThat(browser.findElement(By.className("changes-requested")).getText()).contains(MESSAGE);
        page.screenshot("01-suivi-complements-demandes");

        page.id("modifier").click();
        new WebDriverWait(browser, TIMEOUT).until(driver -> driver.getCurrentUrl().contains("/modifier"));
        assertThat(browser.getTitle()).startsWith("Compléter votre demande");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Compléter votre demande");
        assertThat(browser.findElement(By.className("agent-message")).getText()).contains(MESSAGE);
        assertThat(page.value("legalName")).isEqualTo("CCAS de Exempleville");
        assertThat(page.value("email")).isEqualTo("accueil@ccas-exemple.fr");
        assertThat(page.value("phone")).isEqualTo("04 76 00 00 00");
        assertThat(page.id("siret").getDomProperty("readOnly")).isEqualTo("true");
        assertThat(page.id("cafDepartment").getDomProperty("readOnly")).isEqualTo("true");
        assertThat(page.value("cafDepartment")).isEqualTo("38");
        assertThat(page.id("profile-T2").isSelected()).isTrue();
        assertThat(page.id("t2-subsidy-oui").isSelected()).isTrue();
        // With JavaScript, only the chosen profile's questions are shown, as in the submission form.
        assertThat(page.id("details-T2").isDisplayed()).isTrue();
        assertThat(page.id("details-T1").isDisplayed()).isFalse();
        assertThat(page.value("t2-subsidyReference")).isEmpty();

        page.type("t2-subsidyReference", "SUB-38-2026-118");
        page.screenshot("02-formulaire-complete");
        page.send();

        // Told from the form by its address, as the end-to-end test waits for it.
        assertThat(browser.getCurrentUrl()).contains("/suivi/" + request.requestId() + "/modification-envoyee?token=")
                .doesNotContain("/modifier");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Demande complétée envoyée");
        assertThat(page.id("contenu").findElement(By.className("reference")).getText()).isEqualTo(request.reference());
        assertThat(page.text()).contains("Version 2 de la demande", "accueil@ccas-exemple.fr");
        AccessRequest stored = requests.findById(request.requestId()).orElseThrow();
        assertThat(stored.revision()).isEqualTo(2);
        assertThat(stored.request().t2().subsidyReference()).isEqualTo("SUB-38-2026-118");
        page.screenshot("03-confirmation");

        browser.findElement(By.linkText("Suivre ma demande")).click();
        new WebDriverWait(browser, TIMEOUT).until(driver -> !driver.getCurrentUrl().contains("/modification-envoyee"));
        assertThat(page.text()).contains("Reçue, en attente de décision", "Version 2", "SUB-38-2026-118",
                "Demande complétée envoyée par le partenaire", MESSAGE);
        assertThat(browser.findElements(By.id("modifier"))).isEmpty();
        page.screenshot("04-suivi-apres-modification");

        // The server saw the browser's post come from the relay's address, not from 127.0.0.1.
        await().atMost(Duration.ofSeconds(10)).until(() -> AccessLog.read()
                .contains(relay.clientAddress() + " - - "));
        assertThat(AccessLog.read()).containsPattern(Pattern.quote(relay.clientAddress())
                + " [^\\n]*\"POST /suivi/" + request.requestId() + "/modifier HTTP/1.1\" 303");
    }

    @Test
    void withoutJavaScriptTheFormShowsEveryQuestionAndComesBackWithItsErrorsThenIsSent() throws Exception {
        Waiting request = awaitingChanges();
        ChromeDriver chromium = (ChromeDriver) browser;
        chromium.executeCdpCommand("Emulation.setScriptExecutionDisabled", Map.of("value", true));
        try {
            page.open("/suivi/" + request.requestId() + "?token=" + request.token());
            page.id("modifier").click();
            new WebDriverWait(browser, TIMEOUT).until(driver -> driver.getCurrentUrl().contains("/modifier"));
            assertThat(page.id("details-T1").isDisplayed()).isTrue();
            assertThat(page.id("details-T2").isDisplayed()).isTrue();
            page.type("email", "accueil@");
            page.type("t2-subsidyReference", "SUB-38-2026-119");
            page.send();

            WebElement summary = browser.findElement(By.className("error-summary"));
            assertThat(summary.getText()).contains("1 point à corriger", "Adresse mail");
            assertThat(page.value("t2-subsidyReference")).isEqualTo("SUB-38-2026-119");
            assertThat(browser.findElement(By.className("agent-message")).getText()).contains(MESSAGE);
            page.screenshot("05-sans-javascript-erreur");

            page.type("email", "accueil@ccas-exemple.fr");
            page.send();
            assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Demande complétée envoyée");
            assertThat(requests.findById(request.requestId()).orElseThrow().request().t2().subsidyReference())
                    .isEqualTo("SUB-38-2026-119");
        } finally {
            chromium.executeCdpCommand("Emulation.setScriptExecutionDisabled", Map.of("value", false));
        }
    }
}
