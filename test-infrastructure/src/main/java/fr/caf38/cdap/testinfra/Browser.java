package fr.caf38.cdap.testinfra;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

/**
 * A real browser for page tests: Debian's headless Chromium driven by its chromedriver, given
 * explicitly so Selenium never tries to download one. Where Chromium is not installed (a laptop),
 * the test is skipped with the reason; CI installs it first, so there the tests always run.
 */
public final class Browser {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private Browser() {
    }

    /** A fresh headless browser (its own profile folder); skips the test where Chromium is missing. */
    public static WebDriver open() {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Browser tests need Debian's chromium and chromium-driver (apt-get install chromium chromium-driver)");
        try {
            Path profile = Files.createTempDirectory("chromium-profile");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--disable-component-update", "--no-first-run",
                    "--disable-sync", "--disable-quic", "--window-size=1280,1600", "--lang=fr-FR",
                    "--user-data-dir=" + profile);
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
            return driver;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Saves what the browser shows under {@code target/screenshots/<name>.png}, for a reviewer to look at. */
    public static Path screenshot(WebDriver driver, String name) {
        try {
            Path folder = Files.createDirectories(Path.of("target", "screenshots"));
            Path target = folder.resolve(name + ".png");
            File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * As {@link #screenshot}, of the whole page rather than the window: the window is made as tall as the page
     * for the shot (at most 12,000 pixels), then given back its size.
     */
    public static Path fullPageScreenshot(WebDriver driver, String name) {
        org.openqa.selenium.Dimension window = driver.manage().window().getSize();
        // Small first, so a short page measures its content rather than the window.
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(window.getWidth(), 400));
        long height = ((Number) ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(
                "return document.documentElement.scrollHeight + window.outerHeight - window.innerHeight")).longValue();
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(window.getWidth(),
                (int) Math.min(height, 12_000)));
        try {
            return screenshot(driver, name);
        } finally {
            driver.manage().window().setSize(window);
        }
    }
}
