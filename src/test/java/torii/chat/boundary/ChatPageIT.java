package torii.chat.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import java.io.StringReader;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import torii.testing.BlackBox;
import torii.testing.Browser;
import torii.testing.LoginPage;

/**
 * The chat page at / in a real browser: signing in through the login page and out, the user's applications, a
 * streamed conversation.
 */
class ChatPageIT extends BlackBox {

    static final String WRONG_LOGIN = "Wrong username or password.";

    @Test
    void chatPageHasNoPasswordFieldOnlyAButtonToTheLoginPage() {
        inBrowser("chat-no-password-field", (browser, wait) -> {
            var button = wait.until(ExpectedConditions.elementToBeClickable(By.id("sign-in-button")));
            assertEquals("Sign in", button.getText());
            assertTrue(browser.findElements(By.cssSelector("input")).stream()
                    .noneMatch(input -> input.isDisplayed()), "nothing to type into before signing in");
            assertTrue(browser.findElements(By.cssSelector("input[type=password]")).isEmpty());
            assertTrue(api.get("/").body().contains("id=\"sign-in-button\""));
            assertFalse(api.get("/").body().contains("type=\"password\""));
        });
    }

    @Test
    void signingInGoesThroughTheLoginPageAndComesBackWithoutTheCodeInTheAddress() {
        inBrowser("chat-sign-in", (browser, wait) -> {
            signIn(browser, wait, "johndoe", "secret");
            assertEquals(Set.of("translator"), applications(wait));
            assertEquals(api.uri("/").toString(), browser.getCurrentUrl(), "the code and state are gone");
            var script = (JavascriptExecutor) browser;
            assertNull(script.executeScript("return sessionStorage.getItem('torii.chat.session.pending')"),
                    "the verifier is used once");
            var kept = storedSession(browser);
            assertEquals("johndoe", kept.getString("username"));
            assertEquals(200, api.getWithToken("users/me", kept.getString("accessToken")).status());
            assertTrue(browser.findElements(By.cssSelector("input[type=password]")).isEmpty());
            // Back to the login page, which sends the signed-in browser straight back: the session is still there.
            browser.navigate().back();
            assertEquals(Set.of("translator"), applications(wait));
            wait.until(ExpectedConditions.urlToBe(api.uri("/").toString()));
            assertEquals(kept.getString("refreshToken"), storedSession(browser).getString("refreshToken"));
        });
    }

    @Test
    void aSecondTabSignsInWithoutThePasswordWhileTheBrowserIsSignedIn() {
        inBrowser("chat-single-sign-on", (browser, wait) -> {
            signIn(browser, wait, "johndoe", "secret");
            applications(wait);
            browser.switchTo().newWindow(org.openqa.selenium.WindowType.TAB);
            browser.get(api.uri("/").toString());
            assertNull(storedSession(browser), "a new tab has a session of its own");
            wait.until(ExpectedConditions.elementToBeClickable(By.id("sign-in-button"))).click();
            assertEquals(Set.of("translator"), applications(wait));
            assertEquals("John Doe", browser.findElement(By.id("user-name")).getText());
        });
    }

    @Test
    void wrongPasswordSaysSoOnTheLoginPageAndKeepsNoSession() {
        inBrowser("chat-wrong-password", (browser, wait) -> {
            signIn(browser, wait, "johndoe", "not-the-password");
            var error = LoginPage.error(wait);
            assertEquals(WRONG_LOGIN, error.getText());
            assertEquals("alert", error.getAttribute("role"));
            assertTrue(browser.getCurrentUrl().contains("/authorize?"), browser.getCurrentUrl());
            assertEquals("password", browser.switchTo().activeElement().getAttribute("id"));
            assertNull(storedSession(browser));
        });
    }

    @Test
    void unknownUserGetsTheSameMessageAsAWrongPassword() {
        inBrowser("chat-unknown-user", (browser, wait) -> {
            signIn(browser, wait, "nobody-" + java.util.UUID.randomUUID(), "not-the-password");
            assertEquals(WRONG_LOGIN, LoginPage.error(wait).getText());
            // Fixed on the page, then signed in: the same request is carried on.
            LoginPage.signIn(browser, wait, "johndoe", "secret");
            assertEquals(Set.of("translator"), applications(wait));
        });
    }

    @Test
    void loginPageFitsAPhoneAndLabelsItsFields() {
        inBrowser("chat-login-390", (browser, wait) -> {
            ((org.openqa.selenium.chrome.ChromeDriver) browser).executeCdpCommand("Emulation.setDeviceMetricsOverride",
                    java.util.Map.of("width", 390, "height", 844, "deviceScaleFactor", 2, "mobile", true));
            wait.until(ExpectedConditions.elementToBeClickable(By.id("sign-in-button"))).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
            var script = (JavascriptExecutor) browser;
            assertEquals(390L, script.executeScript("return window.innerWidth;"));
            var widths = (List<?>) script.executeScript(
                    "return [document.documentElement.scrollWidth, document.body.scrollWidth];");
            assertTrue(widths.stream().allMatch(width -> ((Number) width).longValue() <= 390), widths.toString());
            for (var id : List.of("username", "password")) {
                var label = browser.findElement(By.cssSelector("label[for='" + id + "']"));
                assertTrue(label.isDisplayed() && !label.getText().isBlank(), id);
            }
            assertTrue(browser.findElement(By.id("sign-in-button")).isDisplayed());
        });
    }

    @Test
    void loginPageIsLockedDownAsTheChatPageIs() {
        var page = api.get("authorize?response_type=code&client_id=chat&redirect_uri="
                + java.net.URLEncoder.encode(api.uri("/").toString(), java.nio.charset.StandardCharsets.UTF_8)
                + "&state=s&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256");
        assertEquals(200, page.status(), page.body());
        assertTrue(page.header("Content-Type").startsWith("text/html"), page.header("Content-Type"));
        assertTrue(page.body().contains("src=\"/signin.js\""), page.body());
        var policy = page.header("Content-Security-Policy");
        assertTrue(policy.contains("script-src 'self'"), policy);
        assertFalse(policy.contains("unsafe"), policy);
        for (var asset : List.of("signin.js", "signin.css", "session.js", "app.css")) {
            assertEquals(200, api.get(asset).status(), asset);
        }
        assertEquals(404, api.get("signin.html").status(), "the page is served at /authorize only");
    }

    @Test
    void signedInUserSeesOnlyTheirOwnApplications() {
        inBrowser("chat-apps-johndoe", (browser, wait) -> {
            signIn(browser, wait, "johndoe", "secret");
            assertEquals(Set.of("translator"), applications(wait));
            assertEquals("John Doe", browser.findElement(By.id("user-name")).getText());
        });
    }

    @Test
    void administratorSeesTheApplicationsOfTheirGroup() {
        inBrowser("chat-apps-admin", (browser, wait) -> {
            signIn(browser, wait, "admin", "secretadmin");
            assertTrue(applications(wait).contains("summarizer"));
        });
    }

    @Test
    void aTemporaryPasswordIsReplacedOnTheLoginPageBeforeTheApplicationsShow() {
        var admin = api.login("admin", "secretadmin");
        var username = "temp-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        var created = api.json("POST", "admin/users", admin, "{\"username\":\"" + username
                + "\",\"password\":\"given by admin\",\"password_temporary\":true}");
        assertEquals(201, created.status(), created.body());
        assertEquals(201, api.json("POST", "admin/apps/translator/grants", admin, "{\"user\":\"" + username + "\"}")
                .status());
        inBrowser("chat-temporary-password", (browser, wait) -> {
            signIn(browser, wait, username, "given by admin");
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("password-view")));
            assertTrue(browser.getCurrentUrl().contains("/authorize?"), browser.getCurrentUrl());
            LoginPage.choosePassword(browser, wait, "my own choice", "my own mistake");
            var error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("password-error")));
            assertEquals("The new passwords differ.", error.getText());
            assertEquals("alert", error.getAttribute("role"));
            LoginPage.choosePassword(browser, wait, "abc", "abc");
            wait.until(ExpectedConditions.textMatches(By.id("password-error"),
                    java.util.regex.Pattern.compile("^The new password must be at least \\d+ characters long\\.$")));
            assertEquals("true", browser.findElement(By.id("new-password")).getAttribute("aria-invalid"));
            LoginPage.choosePassword(browser, wait, "my own choice", "my own choice");
            assertEquals(Set.of("translator"), applications(wait));
        });
        assertEquals(200, api.postForm("token", "username=" + username + "&password=my%20own%20choice").status());
        assertEquals(400, api.postForm("token", "username=" + username + "&password=given%20by%20admin").status());
    }

    @Test
    void tokensStayInThisTabAndSurviveAReload() {
        inBrowser("chat-reload", (browser, wait) -> {
            signIn(browser, wait, "johndoe", "secret");
            applications(wait);
            var script = (JavascriptExecutor) browser;
            assertEquals(0L, script.executeScript("return localStorage.length"));
            assertEquals("", script.executeScript("return document.cookie"));
            assertNotNull(storedSession(browser));
            browser.navigate().refresh();
            assertEquals(Set.of("translator"), applications(wait));
        });
    }

    @Test
    void accessTokenIsRefreshedWhenItsTimeHasCome() {
        inBrowser("chat-refresh-due", (browser, wait) -> {
            signIn(browser, wait, "johndoe", "secret");
            applications(wait);
            var before = storedSession(browser);
            // As if 80% of the token's lifetime had passed while the page was closed.
            ((JavascriptExecutor) browser).executeScript("const kept = JSON.parse(sessionStorage.getItem("
                    + "'torii.chat.session')); kept.refreshAt = 0; sessionStorage.setItem('torii.chat.session', "
                    + "JSON.stringify(kept));");
            browser.navigate().refresh();
            wait.until(driver -> !before.getString("refreshToken").equals(storedSession(driver).getString("refreshToken")));
            var after = storedSession(browser);
            assertEquals(200, api.getWithToken("users/me", after.getString("accessToken")).status());
            var spent = api.postForm("token", "grant_type=refresh_token&client_id=chat&refresh_token="
                    + before.getString("refreshToken"));
            assertEquals(400, spent.status(), spent.body());
        });
    }

    @Test
    void refusedAccessTokenIsRefreshedOnceAndTheCallRepeated() {
        inBrowser("chat-refresh-on-401", (browser, wait) -> {
            signIn(browser, wait, "johndoe", "secret");
            applications(wait);
            var before = storedSession(browser);
            ((JavascriptExecutor) browser).executeScript("const kept = JSON.parse(sessionStorage.getItem("
                    + "'torii.chat.session')); kept.accessToken = 'not.a.token'; sessionStorage.setItem("
                    + "'torii.chat.session', JSON.stringify(kept));");
            browser.navigate().refresh();
            assertEquals(Set.of("translator"), applications(wait));
            var after = storedSession(browser);
            assertFalse(before.getString("refreshToken").equals(after.getString("refreshToken")));
            assertEquals(200, api.getWithToken("users/me", after.getString("accessToken")).status());
        });
    }

    /**
     * The chat page holds no ID token (see app.js), so a link to /logout would ask first; the page, of this origin,
     * ends the browser's login itself.
     */
    @Test
    void signOutRevokesTheRefreshTokenAndEndsTheBrowsersLogin() {
        inBrowser("chat-sign-out", (browser, wait) -> {
            signIn(browser, wait, "johndoe", "secret");
            applications(wait);
            var refreshToken = storedSession(browser).getString("refreshToken");
            browser.findElement(By.id("sign-out")).click();
            var notice = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-in-notice")));
            assertEquals("You have signed out.", notice.getText());
            assertEquals(api.uri("/").toString(), browser.getCurrentUrl());
            assertNull(storedSession(browser));
            var refresh = api.postForm("token", "grant_type=refresh_token&client_id=chat&refresh_token=" + refreshToken);
            assertEquals(400, refresh.status(), refresh.body());
            assertEquals("invalid_grant", refresh.json().getString("error"));
            assertFalse(browser.findElement(By.id("chat-view")).isDisplayed());
            // The browser's login has ended too: signing in asks for the password again.
            browser.findElement(By.id("sign-in-button")).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("password")));
        });
    }

    /** A link to /logout from elsewhere, without an ID token: the logout page asks before it ends anything. */
    @Test
    void aLogoutLinkAsksBeforeItEndsTheLogin() {
        inBrowser("chat-logout-link", (browser, wait) -> {
            signIn(browser, wait, "johndoe", "secret");
            applications(wait);
            browser.get(api.uri("logout").toString());
            assertEquals("Sign out of Torii?", wait.until(ExpectedConditions.visibilityOfElementLocated(
                    By.id("sign-out-heading"))).getText());
            browser.findElement(By.id("sign-out-button")).click();
            wait.until(ExpectedConditions.urlToBe(api.uri("/").toString()));
            wait.until(ExpectedConditions.elementToBeClickable(By.id("sign-in-button"))).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("password")));
        });
    }

    @Test
    void sessionEndedElsewhereAsksToSignInAgain() {
        inBrowser("chat-expired", (browser, wait) -> {
            signIn(browser, wait, "johndoe", "secret");
            applications(wait);
            var refreshToken = storedSession(browser).getString("refreshToken");
            assertEquals(200, api.postForm("revoke", "token=" + refreshToken + "&client_id=chat").status());
            send(browser, wait, "Are you there?");
            var notice = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-in-notice")));
            assertEquals("Your session has expired. Please sign in again.", notice.getText());
            assertNull(storedSession(browser));
            // The browser is still signed in to Torii: a new session needs no password.
            browser.findElement(By.id("sign-in-button")).click();
            assertEquals(Set.of("translator"), applications(wait));
        });
    }

    @Test
    void messageToAnApplicationGetsItsStreamedAnswer() {
        inBrowser("chat-conversation", (browser, wait) -> {
            signIn(browser, wait, "johndoe", "secret");
            applications(wait);
            send(browser, wait, "Good morning, Torii");
            var answer = wait.until(ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("#messages .message.assistant:not(.streaming) .text")));
            assertEquals("Good morning, Torii", answer.getText());
            assertEquals(List.of("You", "Translator"), browser.findElements(By.cssSelector("#messages .who")).stream()
                    .map(who -> who.getText()).toList());
            assertEquals("false", browser.findElement(By.id("messages")).getAttribute("aria-busy"));
            assertFalse(browser.findElement(By.id("chat-error")).isDisplayed());
            assertEquals("prompt", browser.switchTo().activeElement().getAttribute("id"));
        });
    }

    @Test
    void anApiKeyIsMadeShownOnceAndDeletedFromThePage() {
        inBrowser("chat-api-key", (browser, wait) -> {
            signIn(browser, wait, "johndoe", "secret");
            applications(wait);
            var name = "notebook " + java.util.UUID.randomUUID().toString().substring(0, 8);
            wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#key-details summary"))).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("key-name"))).sendKeys(name);
            wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#key-apps input[value=translator]")))
                    .click();
            browser.findElement(By.id("key-tpd")).sendKeys("5000");
            browser.findElement(By.id("key-create")).click();
            var shown = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("new-key-value")));
            var key = shown.getText();
            assertTrue(key.matches("torii_[A-Za-z0-9_-]{43}"), key);
            var listed = wait.until(ExpectedConditions.presenceOfElementLocated(By.xpath(
                    "//ul[@id='key-list']/li[span[@class='key-name' and text()='" + name + "']]")));
            assertTrue(listed.getText().contains("translator"), listed.getText());
            assertTrue(listed.getText().contains("tokens a day"), listed.getText());
            assertFalse(browser.findElement(By.id("key-list")).getText().contains(key), "the list never shows a key");
            assertEquals(200, completeWith(key));

            listed.findElement(By.tagName("button")).click();
            wait.until(ExpectedConditions.alertIsPresent()).accept();
            wait.until(ExpectedConditions.invisibilityOfElementLocated(By.xpath(
                    "//ul[@id='key-list']/li[span[@class='key-name' and text()='" + name + "']]")));
            assertFalse(browser.findElement(By.id("new-key")).isDisplayed());
            assertEquals(401, completeWith(key));
        });
    }

    int completeWith(String key) {
        return api.json("POST", "v1/chat/completions", key,
                "{\"model\":\"translator\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}").status();
    }

    @Test
    void theChosenApplicationsBudgetIsShownAndCountsDown() {
        inBrowser("chat-budget", (browser, wait) -> {
            signIn(browser, wait, "johndoe", "secret");
            applications(wait);
            var budget = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("app-budget")));
            assertTrue(budget.getText().matches("Left: \\d+ of 60 requests this minute\\."), budget.getText());
            var before = budget.getText();
            send(browser, wait, "Count this one");
            wait.until(driver -> !driver.findElement(By.id("app-budget")).getText().equals(before)
                    || driver.findElement(By.id("app-budget")).getText().startsWith("Left: 0"));
        });
    }

    @Test
    void anHttpApplicationIsShownAsAnApiWithItsPathAndDocumentation() {
        var admin = api.login("admin", "secretadmin");
        var id = "api-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        var username = "reader-" + id.substring(4);
        assertEquals(201, api.json("POST", "admin/apps", admin, "{\"id\":\"" + id + "\",\"name\":\"Search\","
                + "\"backend\":\"http\",\"base_url\":\"https://search.example.invalid\","
                + "\"docs_url\":\"https://docs.example.invalid/search\"}").status());
        assertEquals(201, api.json("POST", "admin/users", admin, "{\"username\":\"" + username
                + "\",\"password\":\"password-" + username + "\"}").status());
        assertEquals(201, api.json("POST", "admin/apps/" + id + "/grants", admin,
                "{\"user\":\"" + username + "\"}").status());
        inBrowser("chat-http-application", (browser, wait) -> {
            signIn(browser, wait, username, "password-" + username);
            assertEquals(Set.of(id), applications(wait));
            var button = browser.findElement(By.cssSelector("#app-list button[data-app='" + id + "']"));
            assertTrue(button.getText().contains("API"), button.getText());
            button.click();
            var note = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".api-note")));
            assertTrue(note.getText().contains("/apps/" + id + "/"), note.getText());
            assertEquals("https://docs.example.invalid/search",
                    note.findElement(By.tagName("a")).getAttribute("href"));
            assertFalse(browser.findElement(By.id("prompt")).isEnabled(), "an API has no chat");
            assertFalse(browser.findElement(By.id("send")).isEnabled());
        });
    }

    @Test
    void pageIsLockedDownAndItsAssetsRevalidate() {
        var page = api.get("/");
        assertEquals(200, page.status());
        assertTrue(page.header("Content-Type").startsWith("text/html"));
        var policy = page.header("Content-Security-Policy");
        for (var directive : List.of("default-src 'self'", "script-src 'self'", "connect-src 'self'",
                "frame-ancestors 'none'")) {
            assertTrue(policy.contains(directive), policy);
        }
        assertFalse(policy.contains("unsafe"), policy);
        var script = api.get("app.js");
        assertEquals(200, script.status());
        assertTrue(script.header("Content-Type").startsWith("text/javascript"));
        assertTrue(script.header("Cache-Control").contains("no-cache"));
        assertEquals(304, api.get("app.js", "If-None-Match", script.header("ETag")).status());
        assertEquals(200, api.get("app.css").status());
        for (var hidden : List.of("WEB-INF/web.xml", "index.html", "no-such-file.js")) {
            assertEquals(404, api.get(hidden).status(), hidden);
        }
    }

    @Test
    void openApiDocumentLeavesThePageOut() {
        var paths = api.get("/openapi", "Accept", "application/json").json().getJsonObject("paths");
        assertTrue(paths.containsKey("/token"));
        assertFalse(paths.containsKey("/"), paths.keySet().toString());
        assertTrue(paths.keySet().stream().noneMatch(path -> path.contains("{file")), paths.keySet().toString());
    }

    void inBrowser(String evidence, BiConsumer<WebDriver, WebDriverWait> steps) {
        Browser.visit(api.uri("/"), evidence, steps::accept);
    }

    /** From the chat page, through the login page; back on the chat page once the login is right. */
    static void signIn(WebDriver browser, WebDriverWait wait, String username, String password) {
        wait.until(ExpectedConditions.elementToBeClickable(By.id("sign-in-button"))).click();
        LoginPage.signIn(browser, wait, username, password);
    }

    /** The ids of the applications listed once the chat view is shown. */
    static Set<String> applications(WebDriverWait wait) {
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("chat-view")));
        return wait.until(ExpectedConditions.presenceOfAllElementsLocatedBy(By.cssSelector("#app-list button")))
                .stream().map(button -> button.getAttribute("data-app")).collect(Collectors.toSet());
    }

    /** Writes into the message box of the chosen application and presses Enter. */
    static void send(WebDriver browser, WebDriverWait wait, String text) {
        wait.until(ExpectedConditions.elementToBeClickable(By.id("prompt"))).sendKeys(text, Keys.ENTER);
    }

    static jakarta.json.JsonObject storedSession(WebDriver browser) {
        var kept = (String) ((JavascriptExecutor) browser).executeScript(
                "return sessionStorage.getItem('torii.chat.session')");
        if (kept == null) {
            return null;
        }
        try (var reader = Json.createReader(new StringReader(kept))) {
            return reader.readObject();
        }
    }
}
