package fr.caf38.cdap.e2e;

import fr.caf38.cdap.localstack.LocalStack;
import fr.caf38.cdap.testinfra.Browser;
import fr.caf38.cdap.testinfra.TestSirets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The web pages of both services in a real browser, over the real processes: a partner fills in the
 * form, an agent signs in to the console and approves the request, and the partner's tracking page
 * shows the change; a partner of Savoie chooses Caf 73 in the form (the local profile serves 38 and 73),
 * which only Caf 73's agent sees. Screenshots under {@code target/screenshots/}.
 */
class PagesEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Pattern CONFIRMATION = Pattern.compile("/demande/([0-9a-f-]{36})/confirmation\\?token=([A-Za-z0-9_-]+)");
    private static LocalStack stack;
    private static WebDriver browser;

    @BeforeAll
    static void open() {
        browser = Browser.open();
        stack = SharedStack.get();
    }

    @AfterAll
    static void close() {
        if (browser != null) {
            browser.quit();
        }
    }

    /** Each test starts signed out of the console (its cookies are the host's, whatever the port). */
    @BeforeEach
    void signedOut() {
        browser.get(stack.eligibilityUrl() + "/connexion");
        browser.manage().deleteAllCookies();
    }

    @Test
    void aPartnersRequestApprovedByAnAgentInTheConsoleShowsAsApprovedOnTheTrackingPage() {
        // The partner fills in the form: a T1 service that also needs another Caf's files (an agent decides).
        browser.get(stack.intakeUrl() + "/");
        type("legalName", "CCAS de Bout-en-bout");
        type("siret", TestSirets.random());
        type("address-line1", "3 rue des Essais");
        type("postalCode", "38000");
        type("city", "Grenoble");
        type("email", Requests.mailbox());
        type("phone", "04 76 55 44 33");
        choose("profile-T1");
        choose("t1-organisationType-LOCAL_AUTHORITY");
        choose("t1-staffRoles-SOCIAL_WORKER");
        choose("cafpro-non");
        choose("otherCaf-oui");
        type("otherCaf-motivation", "Familles suivies résidant en Savoie, à la limite du département.");
        type("otherCaf-departments", "73");
        Browser.screenshot(browser, "e2e-01-partner-form");
        browser.findElement(By.cssSelector("#formulaire button[type='submit']")).click();
        new WebDriverWait(browser, WAIT).until(driver -> CONFIRMATION.matcher(driver.getCurrentUrl()).find());
        Matcher confirmation = CONFIRMATION.matcher(browser.getCurrentUrl());
        assertThat(confirmation.find()).isTrue();
        String requestId = confirmation.group(1);
        String trackingPage = stack.intakeUrl() + "/suivi/" + requestId + "?token=" + confirmation.group(2);
        String reference = browser.findElement(By.className("reference")).getText();
        Browser.screenshot(browser, "e2e-02-partner-confirmation");

        // The rules send it to an agent; the tracking page says so.
        awaitOnPage(trackingPage, "En cours d’examen par la Caf");
        Browser.screenshot(browser, "e2e-03-partner-tracking-under-review");

        // The agent follows the link of the agents' email, signs in, and approves.
        browser.get(stack.eligibilityUrl() + "/demandes/" + requestId);
        new WebDriverWait(browser, WAIT).until(driver -> driver.getCurrentUrl().contains("/connexion"));
        browser.findElement(By.id("identifiant")).sendKeys("agent");
        browser.findElement(By.id("mot-de-passe")).sendKeys("agent");
        browser.findElement(By.cssSelector("form.sign-in button[type=submit]")).click();
        new WebDriverWait(browser, WAIT).until(driver -> driver.getCurrentUrl().contains("/demandes/" + requestId));
        assertThat(body()).contains(reference, "CCAS de Bout-en-bout");
        Browser.screenshot(browser, "e2e-04-agent-request");
        choose("decision-APPROVED");
        browser.findElement(By.id("motif")).sendKeys("Motivation vérifiée avec la Caf de Savoie.");
        browser.findElement(By.cssSelector("form.review button[type=submit]")).click();
        new WebDriverWait(browser, WAIT).until(driver -> body().contains("Décision enregistrée"));
        Browser.screenshot(browser, "e2e-05-agent-approved");

        // The partner's tracking page shows the agent's decision and motive.
        awaitOnPage(trackingPage, "Acceptée");
        assertThat(body()).contains("Motivation vérifiée avec la Caf de Savoie.");
        Browser.screenshot(browser, "e2e-06-partner-tracking-approved");
    }

    @Test
    void aPartnerChoosesCaf73AndOnlyAnAgentOfCaf73SeesAndDecidesTheRequest() {
        // The form offers the Cafs served; the partner addresses Caf 73, and asks for Caf 38's files too.
        browser.get(stack.intakeUrl() + "/");
        Select caf = new Select(browser.findElement(By.id("cafDepartment")));
        assertThat(caf.getOptions()).extracting(option -> option.getText())
                .containsExactly("Caf de l’Isère", "Caf de la Savoie");
        assertThat(caf.getFirstSelectedOption().getDomProperty("value")).isEqualTo("38");
        caf.selectByValue("73");
        Browser.screenshot(browser, "e2e-07-partner-form-caf-73");
        type("legalName", "CCAS de Chambéry-Essais");
        type("siret", TestSirets.random());
        type("address-line1", "1 place de l’Hôtel de Ville");
        type("postalCode", "73000");
        type("city", "Chambéry");
        type("email", Requests.mailbox());
        type("phone", "04 79 00 00 00");
        choose("profile-T1");
        choose("t1-organisationType-LOCAL_AUTHORITY");
        choose("t1-staffRoles-SOCIAL_WORKER");
        choose("cafpro-non");
        choose("otherCaf-oui");
        type("otherCaf-motivation", "Familles suivies résidant en Isère, à la limite du département.");
        type("otherCaf-departments", "38");
        browser.findElement(By.cssSelector("#formulaire button[type='submit']")).click();
        new WebDriverWait(browser, WAIT).until(driver -> CONFIRMATION.matcher(driver.getCurrentUrl()).find());
        Matcher confirmation = CONFIRMATION.matcher(browser.getCurrentUrl());
        assertThat(confirmation.find()).isTrue();
        String requestId = confirmation.group(1);
        String trackingPage = stack.intakeUrl() + "/suivi/" + requestId + "?token=" + confirmation.group(2);
        String reference = browser.findElement(By.className("reference")).getText();
        assertThat(reference).startsWith("CDAP-73-");
        awaitOnPage(trackingPage, "En cours d’examen par la Caf");

        // Caf 73's agents are told, in their own mailbox.
        await().atMost(WAIT).until(() -> Mailbox.read(stack.ports().imap(), "agents-cdap@caf73.localhost").stream()
                .anyMatch(mail -> "AGENT_REVIEW_NOTICE".equals(mail.kind()) && mail.text().contains(reference)));

        // An agent of Caf 38 following the link finds no such request.
        signInThrough(stack.eligibilityUrl() + "/demandes/" + requestId, "agent", "agent");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Demande introuvable");
        assertThat(body()).doesNotContain(reference, "Chambéry-Essais");
        Browser.screenshot(browser, "e2e-08-agent-38-request-of-73");
        browser.findElement(By.cssSelector("form.sign-out button[type=submit]")).click();
        new WebDriverWait(browser, WAIT).until(driver -> driver.getCurrentUrl().contains("/connexion"));

        // Caf 73's agent sees it and approves it.
        signInThrough(stack.eligibilityUrl() + "/demandes/" + requestId, "agent73", "agent73");
        assertThat(body()).contains(reference, "CCAS de Chambéry-Essais");
        choose("decision-APPROVED");
        browser.findElement(By.id("motif")).sendKeys("Motivation vérifiée avec la Caf de l’Isère.");
        browser.findElement(By.cssSelector("form.review button[type=submit]")).click();
        new WebDriverWait(browser, WAIT).until(driver -> body().contains("Décision enregistrée"));
        Browser.screenshot(browser, "e2e-09-agent-73-approved");

        awaitOnPage(trackingPage, "Acceptée");
    }

    @Test
    void anAgentAsksForChangesInTheConsoleAndThePartnerCompletesThePrefilledFormUntilTheRulesApprove() {
        String email = Requests.mailbox();
        Partner partner = Partner.submits(stack, email, Requests.t2SubsidyWithoutReference(email));
        partner.awaitStatus("UNDER_REVIEW", WAIT);
        String trackingPage = stack.intakeUrl() + "/suivi/" + partner.requestId() + "?token=" + partner.token();

        // The agent asks for the subsidy's reference from the request page.
        signInThrough(stack.eligibilityUrl() + "/demandes/" + partner.requestId(), "agent", "agent");
        choose("decision-CHANGES_REQUESTED");
        String message = "Indiquez la référence de la convention de subvention signée avec la Caf.";
        browser.findElement(By.id("motif")).sendKeys(message);
        Browser.screenshot(browser, "e2e-10-agent-asks-for-changes");
        browser.findElement(By.cssSelector("form.review button[type=submit]")).click();
        new WebDriverWait(browser, WAIT).until(driver -> body().contains("Décision enregistrée"));

        // The partner reads the agent's message on the tracking page and follows its link to the form.
        awaitOnPage(trackingPage, message);
        Browser.screenshot(browser, "e2e-11-partner-tracking-changes-requested");
        browser.findElement(By.cssSelector("a[href*='/suivi/" + partner.requestId() + "/modifier']")).click();
        new WebDriverWait(browser, WAIT).until(driver -> driver.getCurrentUrl().contains("/modifier"));
        assertThat(browser.findElement(By.id("legalName")).getDomProperty("value")).isEqualTo("CCAS de Test E2E");
        assertThat(browser.findElement(By.id("email")).getDomProperty("value")).isEqualTo(email);
        type("t2-subsidyReference", "SUB-38-2026-118");
        Browser.screenshot(browser, "e2e-12-partner-amendment-form");
        browser.findElement(By.cssSelector("#formulaire button[type='submit']")).click();
        new WebDriverWait(browser, WAIT).until(driver -> !driver.getCurrentUrl().contains("/modifier")
                && body().contains(partner.reference()));
        Browser.screenshot(browser, "e2e-13-partner-amendment-confirmation");

        // The rules decide the amended request: approved, and the tracking page shows every decision.
        awaitOnPage(trackingPage, "Acceptée");
        assertThat(body()).contains(message, "SUB-38-2026-118");
        Browser.screenshot(browser, "e2e-14-partner-tracking-approved-after-changes");
        assertThat(partner.awaitStatus("APPROVED", 2, WAIT).get("decision").get("decidedBy").asString())
                .isEqualTo("RULES");
    }

    /** Opens a console page signed out, signs in on the page it leads to, and comes back to it. */
    private void signInThrough(String url, String login, String password) {
        browser.get(url);
        new WebDriverWait(browser, WAIT).until(driver -> driver.getCurrentUrl().contains("/connexion"));
        browser.findElement(By.id("identifiant")).sendKeys(login);
        browser.findElement(By.id("mot-de-passe")).sendKeys(password);
        browser.findElement(By.cssSelector("form.sign-in button[type=submit]")).click();
        // Back to the page asked for (Spring Security may add "?continue" to it).
        new WebDriverWait(browser, WAIT).until(driver -> driver.getCurrentUrl().startsWith(url));
    }

    private void awaitOnPage(String url, String text) {
        new WebDriverWait(browser, WAIT).pollingEvery(Duration.ofMillis(500)).until(driver -> {
            driver.get(url);
            return body().contains(text);
        });
    }

    /** The page's text; empty while the page is being replaced (a wait polling it then tries again). */
    private String body() {
        try {
            return browser.findElement(By.tagName("body")).getText();
        } catch (org.openqa.selenium.StaleElementReferenceException replacedMeanwhile) {
            return "";
        }
    }

    private void type(String id, String text) {
        browser.findElement(By.id(id)).sendKeys(text);
    }

    private void choose(String id) {
        browser.findElement(By.cssSelector("label[for='" + id + "']")).click();
    }
}
