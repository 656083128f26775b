package torii.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.logging.Level;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium, driven by Debian's chromedriver, headless. Nothing is downloaded: a machine without the packages
 * fails the test rather than skipping it ({@code apt-get install chromium chromium-driver}).
 */
public interface Browser {

    Path CHROMIUM = Path.of(System.getProperty("torii.chromium", "/usr/bin/chromium"));
    Path CHROMEDRIVER = Path.of(System.getProperty("torii.chromedriver", "/usr/bin/chromedriver"));

    static ChromeDriver start() {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("Browser tests need " + CHROMIUM + " and " + CHROMEDRIVER
                    + ": apt-get install -y chromium chromium-driver");
        }
        try {
            var options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            // The flags keep Chromium from calling home, which a closed network refuses.
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--disable-extensions", "--window-size=1280,1600",
                    "--user-data-dir=" + Files.createTempDirectory("chromium-profile"));
            // The page's console is kept, so that a test can read what the browser refused: a Content-Security-Policy
            // violation is logged there from the page's first moment, before a test could listen for it.
            var logs = new LoggingPreferences();
            logs.enable(LogType.BROWSER, Level.ALL);
            options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
            var service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
            return new ChromeDriver(service, options);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Opens the page in a tab of its own, runs the steps, and keeps the evidence under that name if they fail. The
     * test JVM's visits share one Chromium, each in a new tab (so a fresh sessionStorage) with no cookies, the window
     * at its first size and the page's log emptied; a visit made while another runs gets a Chromium of its own.
     */
    static void visit(URI page, String evidence, BiConsumer<ChromeDriver, WebDriverWait> steps) {
        var shared = Shared.take();
        var browser = shared.orElseGet(Browser::start);
        try {
            browser.get(page.toString());
            // Polled every 50 ms rather than WebDriver's 500: a page answers in a few, and the half-second sleeps
            // added up to most of a browser test's time.
            steps.accept(browser, new WebDriverWait(browser, Duration.ofSeconds(30), Duration.ofMillis(50)));
        } catch (RuntimeException | AssertionError failure) {
            keepEvidence(browser, evidence);
            throw failure;
        } finally {
            if (shared.isPresent()) {
                Shared.give();
            } else {
                browser.quit();
            }
        }
    }

    /** The one Chromium the visits of a test JVM share, started at the first and quit when the JVM ends. */
    final class Shared {

        private static ChromeDriver browser;
        private static boolean inUse;

        private Shared() {
        }

        /** The shared browser in a fresh tab, or empty while another visit has it. */
        static synchronized Optional<ChromeDriver> take() {
            if (inUse) {
                return Optional.empty();
            }
            if (browser != null) {
                try {
                    freshTab(browser);
                } catch (WebDriverException broken) {
                    browser.quit();
                    browser = null;
                }
            }
            if (browser == null) {
                browser = start();
                var started = browser;
                Runtime.getRuntime().addShutdownHook(new Thread(started::quit));
            }
            inUse = true;
            return Optional.of(browser);
        }

        static synchronized void give() {
            inUse = false;
        }

        /** A new tab in place of every other, as a new browser would have it: no cookies, no log, the first size. */
        static void freshTab(ChromeDriver browser) {
            try {
                browser.switchTo().alert().dismiss();
            } catch (NoAlertPresentException none) {
                // The usual case: the last visit left no dialog open.
            }
            var old = browser.getWindowHandles();
            browser.switchTo().newWindow(WindowType.TAB);
            var fresh = browser.getWindowHandle();
            for (var handle : old) {
                browser.switchTo().window(handle).close();
            }
            browser.switchTo().window(fresh);
            // WebDriver's deleteAllCookies reaches the current page's domain only, and a new tab has none: the
            // browser's login at /authorize (an HttpOnly cookie) would carry over into the next visit.
            browser.executeCdpCommand("Network.clearBrowserCookies", Map.of());
            browser.manage().window().setSize(new Dimension(1280, 1600));
            browser.manage().logs().get(LogType.BROWSER);
        }
    }

    /** Saves a screenshot and the page source under target/, for a failure to be understood after the run. */
    static void keepEvidence(ChromeDriver browser, String name) {
        try {
            var folder = Files.createDirectories(Path.of("target", "browser-evidence"));
            Files.write(folder.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
            Files.writeString(folder.resolve(name + ".html"), browser.getPageSource());
        } catch (IOException | RuntimeException e) {
            System.err.println("Could not keep the browser's evidence: " + e);
        }
    }
}
