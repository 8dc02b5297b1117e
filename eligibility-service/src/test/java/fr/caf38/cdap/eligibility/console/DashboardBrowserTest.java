package fr.caf38.cdap.eligibility.console;

import fr.caf38.cdap.eligibility.IntegrationTest;
import fr.caf38.cdap.testinfra.Browser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard in a real browser (headless Chromium): reached from the console's navigation, its
 * four charts drawn inline as SVG, each followed by its table. Saved as
 * {@code target/screenshots/agents-13-tableau-de-bord.png}.
 */
class DashboardBrowserTest extends IntegrationTest {
    private static WebDriver browser;

    @LocalServerPort
    int port;

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

    @Test
    void anAgentOpensTheDashboardFromTheNavigationAndReadsEveryChartAndItsTable() {
        browser.get(url("/connexion"));
        browser.findElement(By.id("identifiant")).sendKeys("agent");
        browser.findElement(By.id("mot-de-passe")).sendKeys("agent");
        navigate(() -> browser.findElement(By.cssSelector("form.sign-in button[type=submit]")).click());

        navigate(() -> browser.findElement(By.linkText("Tableau de bord")).click());
        assertThat(browser.getCurrentUrl()).endsWith("/tableau-de-bord");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Tableau de bord");
        assertThat(browser.findElement(By.cssSelector(".site-nav a[aria-current=page]")).getText())
                .isEqualTo("Tableau de bord");
        // Three bar charts always; the findings' one once a rejection was counted.
        List<?> charts = browser.findElements(By.cssSelector("svg.chart[role=img]"));
        assertThat(charts).hasSizeGreaterThanOrEqualTo(3);
        assertThat(browser.findElements(By.cssSelector("svg.chart > title"))).allSatisfy(
                title -> assertThat(title.getAttribute("textContent")).isNotBlank());
        assertThat(browser.findElements(By.cssSelector("table.list caption"))).hasSizeGreaterThanOrEqualTo(3);
        assertThat(browser.findElement(By.id("delai-median")).getText()).isNotBlank();
        // Drawn, not blank: the SVG has its size on the page.
        assertThat(browser.findElement(By.cssSelector("svg.chart")).getSize().getWidth()).isGreaterThan(200);
        screenshot("agents-13-tableau-de-bord");
    }

    private static void navigate(Runnable action) {
        JavascriptExecutor script = (JavascriptExecutor) browser;
        script.executeScript("window.cdapPreviousPage = true;");
        action.run();
        new WebDriverWait(browser, Duration.ofSeconds(15)).until(driver -> Boolean.TRUE.equals(script.executeScript(
                "return window.cdapPreviousPage === undefined && document.readyState === 'complete';")));
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private static void screenshot(String name) {
        Dimension window = browser.manage().window().getSize();
        Object heights = ((JavascriptExecutor) browser).executeScript(
                "return [document.body.scrollHeight, window.innerHeight];");
        List<?> measured = heights instanceof List<?> list ? list : List.of(window.getHeight(), window.getHeight());
        int frame = window.getHeight() - ((Number) measured.get(1)).intValue();
        try {
            browser.manage().window().setSize(new Dimension(window.getWidth(), ((Number) measured.get(0)).intValue() + frame));
            Browser.screenshot(browser, name);
        } finally {
            browser.manage().window().setSize(window);
        }
    }
}
