package fr.caf38.cdap.intake.pages;

import fr.caf38.cdap.testinfra.Browser;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;

/**
 * The partner's pages as the browser tests use them: open a path of the service, fill a field, click a
 * choice's label as a partner does, send the form and wait for what follows, read the page.
 *
 * @param baseUrl    where the browser reaches the service
 * @param shotPrefix the screenshots' name prefix
 */
record FormPage(WebDriver browser, String baseUrl, String shotPrefix) {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    void open(String path) {
        browser.get(baseUrl + path);
    }

    WebElement id(String id) {
        return browser.findElement(By.id(id));
    }

    void type(String fieldId, String text) {
        WebElement field = id(fieldId);
        field.clear();
        field.sendKeys(text);
    }

    /** Clicks the label of a choice, as a partner does. */
    void choose(String choiceId) {
        browser.findElement(By.cssSelector("label[for='" + choiceId + "']")).click();
    }

    /** Sends the form, then waits for another page or for the same one with its errors or a notice. */
    void send() {
        String before = browser.getCurrentUrl();
        browser.findElement(By.cssSelector("#formulaire button[type='submit']")).click();
        new WebDriverWait(browser, TIMEOUT).until(driver -> !driver.getCurrentUrl().equals(before)
                || !driver.findElements(By.cssSelector(".error-summary, .notice")).isEmpty());
    }

    String text() {
        return browser.findElement(By.tagName("body")).getText();
    }

    String value(String fieldId) {
        return id(fieldId).getDomProperty("value");
    }

    void screenshot(String name) {
        Browser.fullPageScreenshot(browser, shotPrefix + name);
    }
}
