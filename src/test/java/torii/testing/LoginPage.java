package torii.testing;

import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The login page at /authorize, where the chat page, the console and the docs send the browser to sign in. */
public final class LoginPage {

    private LoginPage() {
    }

    /** Waits for the login page, fills in the username and password, and sends them with Enter. */
    public static void signIn(WebDriver browser, WebDriverWait wait, String username, String password) {
        wait.until(ExpectedConditions.urlContains("/authorize"));
        var field = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
        field.clear();
        field.sendKeys(username);
        var secret = browser.findElement(By.id("password"));
        secret.clear();
        secret.sendKeys(password, Keys.ENTER);
    }

    /** The page's message next to the form, once it shows one. */
    public static WebElement error(WebDriverWait wait) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-in-error")));
    }

    /** The new password, twice, for a password an administrator set; the page then signs in with it. */
    public static void choosePassword(WebDriver browser, WebDriverWait wait, String chosen, String repeated) {
        var field = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("new-password")));
        field.clear();
        field.sendKeys(chosen);
        var again = browser.findElement(By.id("repeat-password"));
        again.clear();
        again.sendKeys(repeated, Keys.ENTER);
    }
}
