package fr.caf38.cdap.intake.pages;

import fr.caf38.cdap.events.value.DecisionStatus;
import fr.caf38.cdap.intake.IntakeIntegrationTest;
import fr.caf38.cdap.intake.Sirets;
import fr.caf38.cdap.intake.request.AccessRequest;
import fr.caf38.cdap.intake.request.AccessRequests;
import fr.caf38.cdap.messaging.codec.EventCodec;
import fr.caf38.cdap.testinfra.Browser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.servlet.MockMvc;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

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
    private static DecisionPublisher publisher;
    private static ClientAddressRelay relay;

    @LocalServerPort
    int port;
    @Autowired
    MockMvc mvc;
    @Autowired
    AccessRequests requests;
    @Autowired
    EventCodec codec;

    @BeforeAll
    static void openBrowser() {
        browser = Browser.open();
    }

    @AfterAll
    static void closeBrowser() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (publisher != null) {
            publisher.close();
            publisher = null;
        }
        if (relay != null) {
            relay.close();
            relay = null;
        }
    }

    @BeforeEach
    void publisherAndRelay() {
        if (publisher == null) {
            publisher = new DecisionPublisher(codec);
        }
        if (relay == null) {
            relay = ClientAddressRelay.to(port);
        }
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

    private void open(String path) {
        browser.get("http://127.0.0.1:" + relay.port() + path);
    }

    private WebElement id(String id) {
        return browser.findElement(By.id(id));
    }

    private void type(String fieldId, String text) {
        WebElement field = id(fieldId);
        field.clear();
        field.sendKeys(text);
    }

    private void send() {
        String before = browser.getCurrentUrl();
        browser.findElement(By.cssSelector("#formulaire button[type='submit']")).click();
        new WebDriverWait(browser, TIMEOUT).until(driver -> !driver.getCurrentUrl().equals(before)
                || !driver.findElements(By.cssSelector(".error-summary, .notice")).isEmpty());
    }

    private String text() {
        return browser.findElement(By.tagName("body")).getText();
    }

    private String value(String fieldId) {
        return id(fieldId).getDomProperty("value");
    }

    /** The whole page, not only the window (as {@code PartnerPagesBrowserTest} takes them). */
    private void screenshot(String name) {
        Dimension window = browser.manage().window().getSize();
        browser.manage().window().setSize(new Dimension(window.getWidth(), 400));
        long height = ((Number) ((JavascriptExecutor) browser).executeScript(
                "return document.documentElement.scrollHeight + window.outerHeight - window.innerHeight")).longValue();
        browser.manage().window().setSize(new Dimension(window.getWidth(), (int) Math.min(height, 12_000)));
        Browser.screenshot(browser, "complements-" + name);
        browser.manage().window().setSize(window);
    }

    @Test
    void thePartnerFollowsTheTrackingPagesLinkCompletesThePrefilledFormAndGetsTheConfirmation() throws Exception {
        Waiting request = awaitingChanges();

        open("/suivi/" + request.requestId() + "?token=" + request.token());
        assertThat(id("contenu").findElement(By.className("status-title")).getText())
                .isEqualTo("État : Compléments demandés au partenaire");
        assertThat(browser.findElement(By.className("changes-requested")).getText()).contains(MESSAGE);
        screenshot("01-suivi-complements-demandes");

        id("modifier").click();
        new WebDriverWait(browser, TIMEOUT).until(driver -> driver.getCurrentUrl().contains("/modifier"));
        assertThat(browser.getTitle()).startsWith("Compléter votre demande");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Compléter votre demande");
        assertThat(browser.findElement(By.className("agent-message")).getText()).contains(MESSAGE);
        assertThat(value("legalName")).isEqualTo("CCAS de Exempleville");
        assertThat(value("email")).isEqualTo("accueil@ccas-exemple.fr");
        assertThat(value("phone")).isEqualTo("04 76 00 00 00");
        assertThat(id("siret").getDomProperty("readOnly")).isEqualTo("true");
        assertThat(id("cafDepartment").getDomProperty("readOnly")).isEqualTo("true");
        assertThat(value("cafDepartment")).isEqualTo("38");
        assertThat(id("profile-T2").isSelected()).isTrue();
        assertThat(id("t2-subsidy-oui").isSelected()).isTrue();
        // With JavaScript, only the chosen profile's questions are shown, as in the submission form.
        assertThat(id("details-T2").isDisplayed()).isTrue();
        assertThat(id("details-T1").isDisplayed()).isFalse();
        assertThat(value("t2-subsidyReference")).isEmpty();

        type("t2-subsidyReference", "SUB-38-2026-118");
        screenshot("02-formulaire-complete");
        send();

        // Told from the form by its address, as the end-to-end test waits for it.
        assertThat(browser.getCurrentUrl()).contains("/suivi/" + request.requestId() + "/modification-envoyee?token=")
                .doesNotContain("/modifier");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Demande complétée envoyée");
        assertThat(id("contenu").findElement(By.className("reference")).getText()).isEqualTo(request.reference());
        assertThat(text()).contains("Version 2 de la demande", "accueil@ccas-exemple.fr");
        AccessRequest stored = requests.findById(request.requestId()).orElseThrow();
        assertThat(stored.revision()).isEqualTo(2);
        assertThat(stored.request().t2().subsidyReference()).isEqualTo("SUB-38-2026-118");
        screenshot("03-confirmation");

        browser.findElement(By.linkText("Suivre ma demande")).click();
        new WebDriverWait(browser, TIMEOUT).until(driver -> !driver.getCurrentUrl().contains("/modification-envoyee"));
        assertThat(text()).contains("Reçue, en attente de décision", "Version 2", "SUB-38-2026-118",
                "Demande complétée envoyée par le partenaire", MESSAGE);
        assertThat(browser.findElements(By.id("modifier"))).isEmpty();
        screenshot("04-suivi-apres-modification");

        // The server saw the browser's post come from the relay's address, not from 127.0.0.1.
        await().atMost(Duration.ofSeconds(10)).until(() -> accessLog()
                .contains(relay.clientAddress() + " - - "));
        assertThat(accessLog()).containsPattern(Pattern.quote(relay.clientAddress())
                + " [^\\n]*\"POST /suivi/" + request.requestId() + "/modifier HTTP/1.1\" 303");
    }

    @Test
    void withoutJavaScriptTheFormShowsEveryQuestionAndComesBackWithItsErrorsThenIsSent() throws Exception {
        Waiting request = awaitingChanges();
        ChromeDriver chromium = (ChromeDriver) browser;
        chromium.executeCdpCommand("Emulation.setScriptExecutionDisabled", Map.of("value", true));
        try {
            open("/suivi/" + request.requestId() + "?token=" + request.token());
            id("modifier").click();
            new WebDriverWait(browser, TIMEOUT).until(driver -> driver.getCurrentUrl().contains("/modifier"));
            assertThat(id("details-T1").isDisplayed()).isTrue();
            assertThat(id("details-T2").isDisplayed()).isTrue();
            type("email", "accueil@");
            type("t2-subsidyReference", "SUB-38-2026-119");
            send();

            WebElement summary = browser.findElement(By.className("error-summary"));
            assertThat(summary.getText()).contains("1 point à corriger", "Adresse mail");
            assertThat(value("t2-subsidyReference")).isEqualTo("SUB-38-2026-119");
            assertThat(browser.findElement(By.className("agent-message")).getText()).contains(MESSAGE);
            screenshot("05-sans-javascript-erreur");

            type("email", "accueil@ccas-exemple.fr");
            send();
            assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Demande complétée envoyée");
            assertThat(requests.findById(request.requestId()).orElseThrow().request().t2().subsidyReference())
                    .isEqualTo("SUB-38-2026-119");
        } finally {
            chromium.executeCdpCommand("Emulation.setScriptExecutionDisabled", Map.of("value", false));
        }
    }

    private static String accessLog() throws Exception {
        Path folder = Path.of("target", "tomcat", "logs");
        if (!Files.isDirectory(folder)) {
            return "";
        }
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("access_log")).toList()) {
                all.append(Files.readString(file, StandardCharsets.UTF_8));
            }
        }
        return all.toString();
    }
}
