package fr.caf38.cdap.e2e;

import fr.caf38.cdap.localstack.LocalStack;
import fr.caf38.cdap.testinfra.Browser;
import fr.caf38.cdap.testinfra.TestSirets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web pages of both services in a real browser, over the real processes: a partner fills in the
 * form, an agent signs in to the console and approves the request, and the partner's tracking page
 * shows the change. Screenshots under {@code target/screenshots/}.
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

    private void awaitOnPage(String url, String text) {
        new WebDriverWait(browser, WAIT).pollingEvery(Duration.ofMillis(500)).until(driver -> {
            driver.get(url);
            return body().contains(text);
        });
    }

    private String body() {
        return browser.findElement(By.tagName("body")).getText();
    }

    private void type(String id, String text) {
        browser.findElement(By.id(id)).sendKeys(text);
    }

    private void choose(String id) {
        browser.findElement(By.cssSelector("label[for='" + id + "']")).click();
    }
}
