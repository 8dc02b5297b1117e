package fr.caf38.cdap.intake.pages;

import fr.caf38.cdap.events.PartnerNotified;
import fr.caf38.cdap.events.value.DecisionStatus;
import fr.caf38.cdap.events.value.DepartmentCode;
import fr.caf38.cdap.events.value.NotificationKind;
import fr.caf38.cdap.events.value.Siret;
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
import org.openqa.selenium.Keys;
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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static fr.caf38.cdap.intake.pages.FormPosts.submit;
import static fr.caf38.cdap.intake.pages.FormPosts.validT1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The partner's pages in a real browser (headless Chromium) on the running service, the real broker
 * and store: the form filled in and sent, a form with errors then corrected, the tracking link after
 * a decision, the pages without JavaScript. One browser for the class. Each page is saved under
 * {@code target/screenshots/partenaires-*.png}. The browser posts from 127.0.0.1, whose allowance in the
 * tests' rate limit (5) is more than this class uses (3).
 */
@IntakeIntegrationTest
class PartnerPagesBrowserTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern REFERENCE = Pattern.compile("CDAP-38-\\d{4}-\\d{5,}");
    private static final Pattern CONFIRMATION = Pattern.compile("/demande/([0-9a-f-]{36})/confirmation\\?token=([A-Za-z0-9_-]+)");

    private static WebDriver browser;
    private FormPage page;

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
    static void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @BeforeEach
    void page() {
        page = new FormPage(browser, "http://127.0.0.1:" + port, "partenaires-");
    }

    private void fillOrganisation(String siret) {
        page.type("legalName", "CCAS de Navigateurville");
        page.type("siret", siret.substring(0, 3) + " " + siret.substring(3, 6) + " " + siret.substring(6, 9) + " "
                + siret.substring(9));
        page.type("address-line1", "12 place de la Mairie");
        page.type("postalCode", "38000");
        page.type("city", "Grenoble");
        page.type("email", "accueil@ccas-navigateur.fr");
        page.type("phone", "04 76 12 34 56");
    }

    @Test
    void aPartnerFillsInTheFormAndGetsTheReferenceAndTheTrackingLink() {
        page.open("/");
        assertThat(browser.getTitle()).contains("Demande d’accès");
        assertThat(page.id("formulaire").getAttribute("action")).endsWith("/demande");
        // With JavaScript, the questions of each profile appear once it is chosen.
        for (String profile : List.of("T1", "T2", "T4", "T9", "OTHER")) {
            assertThat(page.id("details-" + profile).isDisplayed()).as(profile).isFalse();
        }
        assertThat(page.id("otherCaf-conditional").isDisplayed()).isFalse();
        page.screenshot("01-formulaire");

        String siret = Sirets.random();
        fillOrganisation(siret);
        page.choose("profile-T1");
        assertThat(page.id("details-T1").isDisplayed()).isTrue();
        assertThat(page.id("details-T2").isDisplayed()).isFalse();
        page.choose("t1-organisationType-LOCAL_AUTHORITY");
        page.choose("t1-staffRoles-SOCIAL_WORKER");
        page.choose("cafpro-non");
        assertThat(page.id("cafpro-conditional").isDisplayed()).isFalse();
        page.choose("otherCaf-oui");
        assertThat(page.id("otherCaf-conditional").isDisplayed()).isTrue();
        page.type("otherCaf-motivation", "Familles suivies résidant en Savoie, à la limite du département.");
        page.type("otherCaf-departments", "73");
        page.screenshot("02-formulaire-rempli");

        page.send();

        Matcher confirmation = CONFIRMATION.matcher(browser.getCurrentUrl());
        assertThat(confirmation.find()).as(browser.getCurrentUrl()).isTrue();
        String reference = page.id("contenu").findElement(By.className("reference")).getText();
        assertThat(reference).matches(REFERENCE);
        AccessRequest stored = requests.findById(UUID.fromString(confirmation.group(1))).orElseThrow();
        assertThat(stored.reference()).isEqualTo(reference);
        assertThat(stored.request().organisation().siret().value()).isEqualTo(siret);
        assertThat(page.text()).contains("Votre demande a bien été envoyée", "accueil@ccas-navigateur.fr",
                "http://127.0.0.1:" + port + "/suivi/" + stored.id() + "?token=" + confirmation.group(2));
        page.screenshot("03-confirmation");

        browser.findElement(By.linkText("Suivre ma demande")).click();
        new WebDriverWait(browser, TIMEOUT).until(driver -> driver.getCurrentUrl().contains("/suivi/"));
        assertThat(page.text()).contains("Demande " + reference, "Reçue, en attente de décision", "Demande déposée");
    }

    @Test
    void aFormWithErrorsShowsThemInTheSummaryAndNextToTheFieldsKeepsTheAnswersAndCanBeCorrected() {
        page.open("/");
        String siret = Sirets.random();
        fillOrganisation(siret);
        page.type("siret", "123 456 789 00000");
        page.type("email", "accueil@");
        page.choose("profile-T4");
        page.choose("cafpro-oui");
        page.type("cafpro-departments", "73, 38");
        page.choose("otherCaf-non");

        page.send();

        WebElement summary = browser.findElement(By.className("error-summary"));
        assertThat(browser.getTitle()).startsWith("Erreur");
        assertThat(browser.switchTo().activeElement()).isEqualTo(summary);
        assertThat(summary.getText()).contains("4 points à corriger",
                "Numéro SIRET : Ce numéro SIRET n'existe pas",
                "Adresse mail : L'adresse électronique n'est pas valide",
                "Numéro instructeur (profil T4) : Ce champ est obligatoire.",
                "Département(s) de la convention Cafpro : « 38 » : Ce département est celui de la Caf");
        assertThat(page.id("siret-erreur").getText()).contains("Ce numéro SIRET n'existe pas");
        assertThat(page.id("siret").getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(page.id("siret").getAttribute("aria-describedby")).contains("siret-erreur");
        assertThat(page.id("t4-instructorNumber-erreur").isDisplayed()).isTrue();
        // The answers are all still there, and the chosen profile's questions still shown.
        assertThat(page.id("legalName").getAttribute("value")).isEqualTo("CCAS de Navigateurville");
        assertThat(page.id("siret").getAttribute("value")).isEqualTo("123 456 789 00000");
        assertThat(page.id("profile-T4").isSelected()).isTrue();
        assertThat(page.id("details-T4").isDisplayed()).isTrue();
        assertThat(page.id("cafpro-departments").getAttribute("value")).isEqualTo("73, 38");
        page.screenshot("04-formulaire-erreurs");

        // A link of the summary takes the keyboard to its field.
        summary.findElement(By.partialLinkText("Numéro instructeur")).click();
        assertThat(browser.switchTo().activeElement()).isEqualTo(page.id("t4-instructorNumber"));

        page.type("t4-instructorNumber", "INSTR0042");
        page.type("siret", siret);
        page.type("email", "accueil@ccas-navigateur.fr");
        page.type("cafpro-departments", "73");
        page.send();

        assertThat(browser.getCurrentUrl()).contains("/confirmation?token=");
        assertThat(page.id("contenu").findElement(By.className("reference")).getText()).matches(REFERENCE);
    }

    @Test
    void theFormWorksWithTheKeyboardAlone() {
        page.open("/");
        WebElement body = browser.findElement(By.tagName("body"));
        body.sendKeys(Keys.TAB);
        WebElement skipLink = browser.switchTo().activeElement();
        assertThat(skipLink.getText()).isEqualTo("Aller au contenu");
        assertThat(skipLink.getCssValue("background-color")).isNotEqualTo("rgba(0, 0, 0, 0)");

        page.id("profile-T2").sendKeys(Keys.SPACE);
        assertThat(page.id("profile-T2").isSelected()).isTrue();
        assertThat(page.id("details-T2").isDisplayed()).isTrue();
        page.id("profile-T2").sendKeys(Keys.ARROW_DOWN);
        assertThat(page.id("profile-T4").isSelected()).isTrue();
        assertThat(page.id("details-T4").isDisplayed()).isTrue();
        assertThat(page.id("details-T2").isDisplayed()).isFalse();
        WebElement focused = browser.switchTo().activeElement();
        assertThat(focused.getCssValue("outline-style")).isEqualTo("solid");
        page.screenshot("05-clavier");
    }

    @Test
    void withoutJavaScriptEveryProfilesQuestionsAndTheConditionalFieldsAreShown() {
        ChromeDriver chromium = (ChromeDriver) browser;
        chromium.executeCdpCommand("Emulation.setScriptExecutionDisabled", Map.of("value", true));
        try {
            page.open("/");
            for (String block : List.of("details-T1", "details-T2", "details-T4", "details-T9", "details-OTHER",
                    "cafpro-conditional", "otherCaf-conditional")) {
                assertThat(page.id(block).isDisplayed()).as(block).isTrue();
            }
            page.screenshot("06-formulaire-sans-javascript");
        } finally {
            chromium.executeCdpCommand("Emulation.setScriptExecutionDisabled", Map.of("value", false));
        }
    }

    @Test
    void theTrackingLinkOfTheEmailsShowsTheDecisionItsReasonsTheMotiveAndTheTimeline() throws Exception {
        String siret = Sirets.random();
        String location = mvc.perform(submit(validT1(siret))).andExpect(status().isSeeOther()).andReturn()
                .getResponse().getHeader("Location");
        Matcher confirmation = CONFIRMATION.matcher(location);
        assertThat(confirmation.matches()).isTrue();
        UUID requestId = UUID.fromString(confirmation.group(1));
        String token = confirmation.group(2);
        String reference = requests.findById(requestId).orElseThrow().reference();
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        publisher.publish(PartnerNotified.of(requestId, reference, DepartmentCode.of("38"),
                NotificationKind.ACKNOWLEDGEMENT, "accueil@ccas-exemple.fr", at.plusSeconds(1), Siret.parse(siret)));
        publisher.publish(DecisionPublisher.decision(requestId, reference, siret, DecisionStatus.UNDER_REVIEW, 1,
                at.plusSeconds(2), null));
        publisher.publish(PartnerNotified.of(requestId, reference, DepartmentCode.of("38"),
                NotificationKind.UNDER_REVIEW, "accueil@ccas-exemple.fr", at.plusSeconds(3), Siret.parse(siret)));
        publisher.publish(DecisionPublisher.decision(requestId, reference, siret, DecisionStatus.APPROVED, 2,
                at.plusSeconds(3600), "Familles suivies en Savoie : accès confirmé avec la Caf de la Savoie."));
        publisher.publish(PartnerNotified.of(requestId, reference, DepartmentCode.of("38"),
                NotificationKind.APPROVED, "accueil@ccas-exemple.fr", at.plusSeconds(3601), Siret.parse(siret)));
        await().atMost(TIMEOUT).until(() -> requests.findById(requestId)
                .map(r -> r.timeline().size() == 6 && "APPROVED".equals(r.status())).orElse(false));

        page.open("/suivi/" + requestId + "?token=" + token);

        assertThat(browser.getTitle()).contains(reference);
        assertThat(page.id("contenu").findElement(By.className("status-title")).getText()).isEqualTo("État : Acceptée");
        assertThat(page.text()).contains("La Caf vous envoie la convention", "Un agent de la Caf",
                "Familles suivies en Savoie : accès confirmé avec la Caf de la Savoie.",
                "Critère rempli", DecisionPublisher.T1_ELIGIBLE, "À examiner par la Caf", DecisionPublisher.OTHER_CAF);
        List<String> timeline = browser.findElements(By.cssSelector(".timeline li span")).stream()
                .map(WebElement::getText).toList();
        assertThat(timeline).containsExactly("Demande déposée", "Courriel envoyé : accusé de réception",
                "Demande transmise à un agent de la Caf pour examen", "Courriel envoyé : demande en cours d’examen",
                "Décision : demande acceptée", "Courriel envoyé : demande acceptée");
        page.screenshot("07-suivi-decision");

        page.open("/suivi/" + requestId + "?token=" + PartnerPagesIntegrationTest.otherToken(token));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Demande introuvable");
        assertThat(page.text()).doesNotContain(reference);
        page.screenshot("08-suivi-introuvable");
    }
}
