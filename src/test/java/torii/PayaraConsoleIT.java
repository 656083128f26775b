package torii;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.openqa.selenium.support.ui.ExpectedConditions.attributeContains;
import static org.openqa.selenium.support.ui.ExpectedConditions.elementToBeClickable;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

import java.net.URI;
import java.time.Duration;
import org.jboss.arquillian.container.spi.client.container.LifecycleException;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import torii.testing.BlackBox;
import torii.testing.Browser;
import torii.testing.PayaraServer;

/**
 * An operator can manage Torii from Payara Server's own web admin console (served on the admin listener, which is on
 * loopback like every listener of the domain), in a real browser: a Torii setting saved there as a system property of
 * the server is read when the application starts, so it applies once the application has been disabled and enabled
 * again on the console's Applications page. Only the Payara Server run has the console; its domain is created with
 * --nopassword, so the console opens without a login page.
 */
class PayaraConsoleIT extends BlackBox {

    private static final String SETTING = "torii.token.expire-minutes";
    /** The console deploys itself on its first visit, which takes minutes on a busy machine. */
    private static final Duration CONSOLE_START = Duration.ofMinutes(4);
    /** A page of the console, or Enable, which starts Torii again. */
    private static final Duration STEP = Duration.ofMinutes(2);

    @Test
    void aSystemPropertySetInPayarasConsoleAppliesWhenTheApplicationIsDisabledAndEnabledThere() throws Exception {
        var server = PayaraServer.running();
        var before = expiresIn();
        var minutes = before / 60 + 11;
        Throwable failure = null;
        try {
            Browser.visit(URI.create("http://127.0.0.1:" + server.adminPort() + "/"), "payara-console",
                    (browser, unused) -> {
                        // First "The Admin Console is starting. Please wait.", which reloads itself once it is.
                        click(new WebDriverWait(browser, CONSOLE_START),
                                By.xpath("//a[normalize-space()='server (Admin Server)']"));
                        var wait = new WebDriverWait(browser, STEP);
                        wait.ignoring(StaleElementReferenceException.class);
                        setSystemProperty(browser, wait, String.valueOf(minutes));
                        assertEquals(before, expiresIn(), "saved, but read when the application starts");
                        click(wait, By.xpath("//a[normalize-space()='Applications' and contains(@id,':applications')]"));
                        switchTorii(wait, "Disable", "disabled");
                        assertEquals(404, api.postForm("token", "username=johndoe&password=secret").status(),
                                "a disabled application serves nothing");
                        switchTorii(wait, "Enable", "enabled");
                    });
            assertEquals(minutes * 60, expiresIn());
        } catch (Exception | AssertionError e) {
            failure = e;
            throw e;
        } finally {
            restoreDefault(server, failure);
        }
        assertEquals(before, expiresIn(), "the default again, for the other tests");
    }

    /** server (Admin Server) > Properties > System Properties, where the run's other Torii settings are too. */
    private static void setSystemProperty(WebDriver browser, WebDriverWait wait, String value) {
        click(wait, By.xpath("//a[contains(@id,':serverInstProps') and normalize-space()='Properties']"));
        wait.until(visibilityOfElementLocated(By.xpath("//input[contains(@id,':col1St') and @value='torii.demo']")));
        var names = By.xpath("//input[contains(@id,'sysPropsTable') and contains(@id,':col1St')]");
        var rows = browser.findElements(names).size();
        click(wait, By.xpath("//input[@type='submit' and @value='Add Property']"));
        // The new row is the one whose name is empty.
        var name = wait.until(driver -> driver.findElements(names).size() > rows ? driver.findElements(names).stream()
                .filter(field -> field.getDomProperty("value").isEmpty()).findFirst().orElse(null) : null);
        name.sendKeys(SETTING);
        name.findElement(By.xpath("./ancestor::tr[1]//input[contains(@id,':overrideVal')]")).sendKeys(value);
        click(wait, By.xpath("(//input[@type='submit' and normalize-space(@value)='Save'])[1]"));
        wait.until(visibilityOfElementLocated(By.xpath("//*[normalize-space()='New values successfully saved.']")));
        wait.until(textToBe(By.xpath("//tr[.//input[contains(@id,':col1St') and @value='" + SETTING + "']]"
                + "//span[contains(@id,':currentVal')]"), value));
    }

    /** Ticks torii on the Applications page and presses the button; its Enabled column then shows the outcome. */
    private static void switchTorii(WebDriverWait wait, String button, String outcome) {
        var torii = "//tr[.//a[normalize-space()='torii']]";
        var enabled = By.xpath(torii + "//img[contains(@id,':enCol')]");
        var was = wait.until(visibilityOfElementLocated(enabled)).getAttribute("src");
        assertFalse(was.endsWith("/" + outcome + ".png"), "torii is " + outcome + " already: " + was);
        var tick = wait.until(elementToBeClickable(By.xpath(torii + "//input[@type='checkbox']")));
        if (!tick.isSelected()) {
            tick.click();
        }
        // The console enables the buttons once a row is ticked.
        click(wait, By.xpath("//input[@type='submit' and @value='" + button + "']"));
        wait.until(visibilityOfElementLocated(By.xpath("//*[normalize-space()='Selected application(s) has been "
                + outcome + ".']")));
        wait.until(attributeContains(enabled, "src", "/" + outcome + ".png"));
    }

    private static void click(WebDriverWait wait, By element) {
        wait.until(elementToBeClickable(element)).click();
    }

    /** With asadmin, as PayaraServerIT does; a failure here is added to the test's own rather than hiding it. */
    private static void restoreDefault(PayaraServer server, Throwable failure) throws LifecycleException {
        try {
            server.asadmin("delete-system-property", SETTING);
        } catch (LifecycleException e) {
            if (failure == null) {
                throw e;
            }
            failure.addSuppressed(e);
        }
        server.asadmin("disable", "torii");
        server.asadmin("enable", "torii");
    }

    private int expiresIn() {
        return api.loginForTokens("username=johndoe&password=secret").getInt("expires_in");
    }
}
