package torii.docs.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import torii.testing.BlackBox;
import torii.testing.Browser;
import torii.testing.LoginPage;

/** /docs in a real browser, following the FastAPI write-up: Authorize, then Try it out on /users/me/items. */
class InteractiveDocsIT extends BlackBox {

    @Test
    void authorizeThenTryOutReadsTheItemsOfTheUserWhoSignedIn() {
        inBrowser("docs-flow", (browser, wait) -> {
            authorize(browser, wait, "johndoe", "secret");
            var response = tryOut(wait, browser.findElement(By.id("operations-default-items")));
            assertEquals("200", response.status());
            assertTrue(response.body().contains("\"owner\": \"johndoe\""), response.body());
            assertTrue(response.body().contains("\"item_id\": \"Foo\""), response.body());
        });
    }

    @Test
    void authorizeDialogOffersTheScopesAndATokenWithOnlyMeCannotReadItems() {
        inBrowser("docs-scopes", (browser, wait) -> {
            wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("button.authorize"))).click();
            var password = flow(wait, "password");
            var offered = password.findElements(By.cssSelector(".scopes input[type='checkbox']")).stream()
                    .map(box -> box.getAttribute("data-value")).collect(Collectors.toSet());
            assertEquals(Set.of("me", "items", "admin"), offered);
            password.findElement(By.cssSelector(".scopes input[data-value='me'] + label")).click();
            signIn(browser, wait, "johndoe", "secret");
            var response = tryOut(wait, browser.findElement(By.id("operations-default-items")));
            assertEquals("403", response.status());
            assertTrue(response.body().contains("Not enough permissions"), response.body());
        });
    }

    void inBrowser(String evidence, BiConsumer<WebDriver, WebDriverWait> steps) {
        Browser.visit(api.uri("docs"), evidence, steps::accept);
    }

    static void authorize(WebDriver browser, WebDriverWait wait, String username, String password) {
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("button.authorize"))).click();
        signIn(browser, wait, username, password);
    }

    /** Fills in the password flow of the open Authorize dialog, signs in, and closes the dialog. */
    static void signIn(WebDriver browser, WebDriverWait wait, String username, String password) {
        var section = flow(wait, "password");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("oauth_username"))).sendKeys(username);
        browser.findElement(By.id("oauth_password")).sendKeys(password);
        section.findElement(By.cssSelector(".auth-btn-wrapper .modal-btn.authorize")).click();
        // Swagger UI offers to remove the authorization once /token has answered with a token.
        wait.until(ExpectedConditions.visibilityOfNestedElementsLocatedBy(section,
                By.cssSelector(".auth-btn-wrapper button[aria-label='Remove authorization']")));
        section.findElement(By.cssSelector(".auth-btn-wrapper .btn-done")).click();
    }

    /**
     * The part of the open Authorize dialog for one flow of the scheme: Swagger UI shows each flow on its own, headed
     * "(OAuth2, password)" or "(OAuth2, authorizationCode with PKCE)".
     */
    static WebElement flow(WebDriverWait wait, String name) {
        return wait.until(ExpectedConditions.presenceOfElementLocated(By.xpath(
                "//div[contains(@class,'auth-container')]//h4[contains(normalize-space(.), '(OAuth2, " + name
                        + "')]/..")));
    }

    /** Try it out, Execute, and the status and body Swagger UI shows. */
    static Shown tryOut(WebDriverWait wait, WebElement operation) {
        operation.findElement(By.cssSelector(".opblock-summary-control")).click();
        click(wait, operation, ".try-out__btn");
        click(wait, operation, "button.execute");
        var status = wait.until(ExpectedConditions.visibilityOfNestedElementsLocatedBy(operation,
                By.cssSelector(".live-responses-table tr.response .response-col_status"))).get(0);
        var body = operation.findElement(By.cssSelector(".live-responses-table tr.response .response-col_description pre"));
        return new Shown(status.getText().trim(), body.getText());
    }

    /** Clicks the button inside the element once Swagger UI has drawn it (it draws an opened operation later). */
    static void click(WebDriverWait wait, WebElement inside, String css) {
        var button = wait.until(ExpectedConditions.presenceOfNestedElementLocatedBy(inside, By.cssSelector(css)));
        wait.until(ExpectedConditions.elementToBeClickable(button)).click();
    }

    record Shown(String status, String body) {
    }

    @Test
    void authorizationCodeFlowSignsInOnTheLoginPageAndTheTokenReadsTheItems() {
        inBrowser("docs-code-flow", (browser, wait) -> {
            wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("button.authorize"))).click();
            var section = flow(wait, "authorizationCode");
            assertEquals("docs", section.findElement(By.cssSelector("input[data-name='clientId']"))
                    .getAttribute("value"));
            var tab = browser.getWindowHandle();
            section.findElement(By.cssSelector(".auth-btn-wrapper .modal-btn.authorize")).click();
            // Swagger UI opens the login page in a window of its own, which closes once it has sent the code back.
            wait.until(driver -> driver.getWindowHandles().size() == 2);
            var popup = browser.getWindowHandles().stream().filter(handle -> !handle.equals(tab)).findFirst()
                    .orElseThrow();
            browser.switchTo().window(popup);
            var authorization = browser.getCurrentUrl();
            assertTrue(authorization.contains("code_challenge_method=S256"), authorization);
            assertTrue(authorization.contains("client_id=docs"), authorization);
            LoginPage.signIn(browser, wait, "johndoe", "secret");
            wait.until(driver -> driver.getWindowHandles().size() == 1);
            browser.switchTo().window(tab);
            wait.until(ExpectedConditions.visibilityOfNestedElementsLocatedBy(section,
                    By.cssSelector("button[aria-label='Remove authorization']")));
            section.findElement(By.cssSelector(".auth-btn-wrapper .btn-done")).click();
            var response = tryOut(wait, browser.findElement(By.id("operations-default-items")));
            assertEquals("200", response.status());
            assertTrue(response.body().contains("\"owner\": \"johndoe\""), response.body());
        });
    }

    @Test
    void redirectPageRunsOnlyItsOwnScript() {
        var page = api.get("docs/oauth2-redirect.html");
        assertEquals(200, page.status());
        assertTrue(page.body().contains("<script src=\"oauth2-redirect.js\"></script>"), page.body());
        var policy = page.header("Content-Security-Policy");
        assertTrue(policy.contains("script-src 'self'"), policy);
        assertFalse(policy.contains("unsafe"), policy);
        assertEquals("no-referrer", page.header("Referrer-Policy"));
        assertEquals(200, api.get("docs/oauth2-redirect.js").status());
    }

    @Test
    void openApiDocumentDeclaresThePasswordFlowAndWhatItProtects() {
        var reply = api.get("/openapi", "Accept", "application/json");
        assertEquals(200, reply.status());
        var document = reply.json();
        var flow = document.getJsonObject("components").getJsonObject("securitySchemes")
                .getJsonObject("OAuth2PasswordBearer");
        assertEquals("oauth2", flow.getString("type"));
        assertEquals("/token", flow.getJsonObject("flows").getJsonObject("password").getString("tokenUrl"));
        var code = flow.getJsonObject("flows").getJsonObject("authorizationCode");
        assertEquals("/authorize", code.getString("authorizationUrl"));
        assertEquals("/token", code.getString("tokenUrl"));
        assertEquals("/token", code.getString("refreshUrl"));
        assertTrue(code.getJsonObject("scopes").keySet().containsAll(Set.of("openid", "me", "items", "admin")),
                code.toString());

        var paths = document.getJsonObject("paths");
        for (var path : List.of("/users/me", "/users/me/items")) {
            var security = paths.getJsonObject(path).getJsonObject("get").getJsonArray("security");
            assertEquals(Set.of("OAuth2PasswordBearer"), security.getJsonObject(0).keySet(), path);
        }
        var form = paths.getJsonObject("/token").getJsonObject("post").getJsonObject("requestBody")
                .getJsonObject("content").getJsonObject("application/x-www-form-urlencoded").getJsonObject("schema");
        var formSchema = resolve(document, form);
        assertEquals(Set.of("grant_type", "username", "password", "refresh_token", "code", "redirect_uri",
                "code_verifier", "scope", "client_id", "client_secret"),
                formSchema.getJsonObject("properties").keySet());
        for (var path : List.of("/revoke", "/introspect")) {
            var body = paths.getJsonObject(path).getJsonObject("post").getJsonObject("requestBody")
                    .getJsonObject("content").getJsonObject("application/x-www-form-urlencoded").getJsonObject("schema");
            assertTrue(resolve(document, body).getJsonObject("properties").containsKey("token"), path);
        }
        assertTrue(paths.containsKey("/.well-known/jwks.json"));
        assertTrue(paths.containsKey("/.well-known/oauth-authorization-server"));
    }

    @Test
    void docsPageIsLockedDownAndItsAssetsRevalidate() {
        var page = api.get("docs");
        assertEquals(200, page.status());
        assertTrue(page.header("Content-Security-Policy").contains("default-src 'self'"));
        var bundle = api.get("docs/swagger-ui-bundle.js");
        assertEquals(200, bundle.status());
        assertEquals(304, api.get("docs/swagger-ui-bundle.js", "If-None-Match", bundle.header("ETag")).status());
        assertEquals(404, api.get("docs/..%2FWEB-INF%2Fweb.xml").status());
        assertEquals(404, api.get("docs/no-such-file.js").status());
    }

    static JsonObject resolve(JsonObject document, JsonObject schema) {
        if (!schema.containsKey("$ref")) {
            return schema;
        }
        var name = schema.getString("$ref").substring("#/components/schemas/".length());
        return document.getJsonObject("components").getJsonObject("schemas").getJsonObject(name);
    }
}
