package torii.console.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import torii.testing.BlackBox;
import torii.testing.Browser;
import torii.testing.LoginPage;

/** The admin console at /admin in a real browser, using only the public admin API, as administrators and others. */
class AdminConsoleIT extends BlackBox {

    static final String REFUSAL = "This console is for administrators.";
    static final String CONFIGURED_KEY = "The signing key is configured; replace it in the configuration instead";

    @Test
    void administratorGrantsAGroupAnApplicationSeesItUsedThenDisablesTheUser() {
        var suffix = fresh();
        var appId = "console-" + suffix;
        var username = "member-" + suffix;
        var group = "team-" + suffix;
        var password = "password-" + username;
        inConsole("console-full-path", (browser, wait) -> {
            signInAsAdmin(browser, wait);

            open(browser, wait, "apps");
            browser.findElement(By.id("app-form-summary")).click();
            type(browser, wait, "app-id", appId);
            type(browser, wait, "app-name", "Echo " + suffix);
            assertEquals("echo", new Select(browser.findElement(By.id("app-backend"))).getFirstSelectedOption()
                    .getAttribute("value"));
            browser.findElement(By.id("app-save")).click();
            wait.until(driver -> rows(driver, "apps-rows").stream().anyMatch(row -> row.get(0).equals(appId)));

            open(browser, wait, "users");
            browser.findElement(By.cssSelector("#new-user summary")).click();
            type(browser, wait, "new-user-username", username);
            type(browser, wait, "new-user-password", password);
            type(browser, wait, "new-user-email", username + "@example.com");
            var temporary = browser.findElement(By.id("new-user-temporary"));
            assertTrue(temporary.isSelected(), "a new password is temporary unless the administrator says otherwise");
            temporary.click();
            browser.findElement(By.id("new-user-create")).click();
            wait.until(ExpectedConditions.textToBe(By.id("user-detail-heading"), username));

            type(browser, wait, "user-roles", "user " + group);
            submit(browser, wait, By.cssSelector("#user-roles-form button[type=submit]"));
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("user-detail-status"), group));

            // From the user's side: the demo application, to the user alone.
            choose(browser, wait, "user-grant-app", "translator");
            submit(browser, wait, By.id("user-grant"));
            wait.until(driver -> rows(driver, "user-apps-rows").contains(
                    List.of("Translator (translator)", "to the user", "Revoke")));

            // From the application's side: the new application, to the new group.
            open(browser, wait, "grants");
            choose(browser, wait, "grants-app", appId);
            choose(browser, wait, "grant-kind", "group");
            type(browser, wait, "grant-grantee", group);
            submit(browser, wait, By.id("grant-save"));
            wait.until(driver -> rows(driver, "grants-rows").stream()
                    .anyMatch(row -> row.get(0).equals(group) && row.get(1).equals("group")));

            Browser.visit(api.uri("/"), "console-full-path-user", (userBrowser, userWait) -> {
                userWait.until(ExpectedConditions.elementToBeClickable(By.id("sign-in-button"))).click();
                LoginPage.signIn(userBrowser, userWait, username, password);
                userWait.until(ExpectedConditions.visibilityOfElementLocated(By.id("chat-view")));
                var apps = userWait.until(ExpectedConditions.presenceOfAllElementsLocatedBy(
                        By.cssSelector("#app-list button"))).stream().map(button -> button.getAttribute("data-app"))
                        .collect(Collectors.toSet());
                assertEquals(Set.of(appId, "translator"), apps);
            });

            var token = api.login(username, password);
            for (int i = 0; i < 3; i++) {
                var answer = complete(token, appId);
                assertEquals(200, answer.status(), answer.body());
            }

            open(browser, wait, "usage");
            type(browser, wait, "usage-username", username);
            submit(browser, wait, By.id("usage-show"));
            var today = LocalDate.now(ZoneOffset.UTC).toString();
            wait.until(driver -> rows(driver, "usage-rows").stream().anyMatch(row -> row.get(2).equals(appId)));
            var row = rows(browser, "usage-rows").get(0);
            assertEquals(List.of(today, username, appId, "3"), row.subList(0, 4));
            assertEquals(List.of(appId + "=3"), script(browser, "const chart = Chart.getChart("
                    + "document.getElementById('usage-chart')); return chart.data.datasets.map((set) => set.label"
                    + " + '=' + set.data.reduce((sum, value) => sum + value, 0));"));
            assertEquals(today, script(browser, "return Chart.getChart(document.getElementById('usage-chart'))"
                    + ".data.labels.at(-1);"));

            openUser(browser, wait, username);
            wait.until(driver -> rows(driver, "user-apps-rows").contains(
                    List.of("Echo " + suffix + " (" + appId + ")", "through the group " + group, "")));
            wait.until(ExpectedConditions.textToBe(By.id("user-toggle"), "Disable user"));
            browser.findElement(By.id("user-toggle")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("user-detail-status"), "Disabled"));
            var refused = api.getWithToken("users/me", token);
            assertTrue(refused.status() == 400 || refused.status() == 401, refused.toString());
            assertNotEquals(200, complete(token, appId).status(), "a disabled user's token reaches no application");

            open(browser, wait, "audit");
            type(browser, wait, "audit-username", username);
            submit(browser, wait, By.cssSelector("#audit-form button[type=submit]"));
            wait.until(driver -> actions(driver).contains("user_disable"));
            assertTrue(actions(browser).containsAll(List.of("user_create", "roles_change", "grant", "user_disable")),
                    actions(browser).toString());

            type(browser, wait, "audit-username", "");
            choose(browser, wait, "audit-action", "grant");
            submit(browser, wait, By.cssSelector("#audit-form button[type=submit]"));
            wait.until(driver -> rows(driver, "audit-rows").stream()
                    .anyMatch(event -> event.get(6).equals("application " + appId + " to group " + group)));
            assertEquals(Set.of("grant"), Set.copyOf(actions(browser)), "only the kind of event asked for");
        });
    }

    @Test
    void someoneWhoIsNotAnAdministratorIsRefusedAndShownNoData() {
        inConsole("console-not-admin", (browser, wait) -> {
            signIn(browser, wait, "johndoe", "secret");
            var refusal = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("refusal-message")));
            assertEquals(REFUSAL, refusal.getText());
            assertNoData(browser);
            assertNull(stored(browser), "no session is kept");

            // A session without the admin scope, as a tab might still hold one: the API answers 403.
            var tokens = api.loginForTokens("grant_type=password&client_id=chat&username=johndoe&password=secret");
            script(browser, "sessionStorage.setItem('torii.admin.session', JSON.stringify({accessToken: arguments[0],"
                    + " refreshToken: arguments[1], username: 'johndoe', expiresAt: Date.now() + 600000,"
                    + " refreshAt: Date.now() + 600000}));", tokens.getString("access_token"),
                    tokens.getString("refresh_token"));
            browser.navigate().refresh();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("refusal-message")));
            assertNoData(browser);
            assertNull(stored(browser));
            wait.until(driver -> api.postForm("token", "grant_type=refresh_token&client_id=chat&refresh_token="
                    + tokens.getString("refresh_token")).status() == 400);

            // Signing in again asks for the password, although the browser is still signed in as johndoe.
            browser.findElement(By.id("refusal-back")).click();
            LoginPage.signIn(browser, wait, "admin", "secretadmin");
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("console-view")));
            wait.until(driver -> !rows(driver, "users-rows").isEmpty());
        });
    }

    @Test
    void administratorWithATemporaryPasswordChoosesTheirOwnOnTheLoginPageFirst() {
        var username = "new-admin-" + fresh();
        var made = api.json("POST", "admin/users", admin(), "{\"username\":\"" + username + "\",\"password\":"
                + "\"password-" + username + "\",\"roles\":[\"user\",\"admin\"],\"password_temporary\":true}");
        assertEquals(201, made.status(), made.body());
        inConsole("console-temporary-password", (browser, wait) -> {
            signIn(browser, wait, username, "password-" + username);
            LoginPage.choosePassword(browser, wait, "chosen-" + username, "chosen-" + username);
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("console-view")));
            wait.until(driver -> !rows(driver, "users-rows").isEmpty());
            assertEquals(username, browser.findElement(By.id("user-name")).getText());
        });
        assertEquals(200, api.postForm("token", "username=" + username + "&password=chosen-" + username).status());
        assertFalse(api.getWithToken("admin/users/" + username, admin()).json().getBoolean("password_change_required"));
    }

    @Test
    void consoleAllowsNothingButItsOwnOriginAndBreaksNoRuleOfIt() {
        var page = api.get("admin");
        assertEquals(200, page.status());
        assertTrue(page.header("Content-Type").startsWith("text/html"), page.header("Content-Type"));
        var policy = page.header("Content-Security-Policy");
        assertTrue(policy.startsWith("default-src 'self';"), policy);
        for (var directive : policy.split(";")) {
            var sources = Arrays.stream(directive.trim().split("\\s+")).skip(1).collect(Collectors.toSet());
            assertTrue(Set.of("'self'", "'none'").containsAll(sources), directive);
        }
        var charts = api.get("admin/chart.umd.js");
        assertEquals(200, charts.status());
        assertTrue(charts.header("Content-Type").startsWith("text/javascript"));
        assertEquals(304, api.get("admin/chart.umd.js", "If-None-Match", charts.header("ETag")).status());
        for (var hidden : List.of("admin/chart.umd.js.map", "admin/chart.js", "admin.html")) {
            assertEquals(404, api.get(hidden).status(), hidden);
        }

        inConsole("console-policy", (browser, wait) -> {
            signInAsAdmin(browser, wait);
            for (var section : List.of("users", "apps", "grants", "usage", "audit", "keys")) {
                open(browser, wait, section);
            }
            wait.until(driver -> script(driver, "return Chart.getChart(document.getElementById('usage-chart'))"
                    + " !== undefined;").equals(true));
            assertEquals(List.of(), violations(browser));
            // The log does show a violation: an inline script, as injected markup would bring, is refused and logged.
            script(browser, "const injected = document.createElement('script'); injected.textContent ="
                    + " 'window.injected = true'; document.head.append(injected);");
            assertEquals(1, violations(browser).size());
            assertNull(script(browser, "return window.injected;"));
        });
    }

    @Test
    void everyControlHasALabelEveryButtonANameAndEveryTableItsHeaders() {
        inConsole("console-accessible", (browser, wait) -> {
            signInAsAdmin(browser, wait);
            openUser(browser, wait, "admin");
            wait.until(driver -> !rows(driver, "user-sessions-rows").isEmpty());
            open(browser, wait, "grants");
            choose(browser, wait, "grants-app", "translator");
            wait.until(driver -> !rows(driver, "grants-rows").isEmpty());
            for (var section : List.of("apps", "audit", "keys")) {
                open(browser, wait, section);
                wait.until(driver -> !rows(driver, section.equals("keys") ? "clients-rows" : section + "-rows")
                        .isEmpty());
            }
            assertEquals(List.of(), script(browser, """
                    const problems = [];
                    for (const control of document.querySelectorAll('input, select, textarea')) {
                        if (![...control.labels].some((label) => label.textContent.trim())) {
                            problems.push(`no label: ${control.id}`);
                        }
                    }
                    for (const button of document.querySelectorAll('button')) {
                        if (!(button.getAttribute('aria-label') ?? button.textContent).trim()) {
                            problems.push(`no name: button in ${button.parentElement.id}`);
                        }
                    }
                    for (const table of document.querySelectorAll('table')) {
                        const heads = [...table.querySelectorAll('thead th')];
                        if (!table.caption?.textContent.trim() || !heads.length
                                || heads.some((th) => th.scope !== 'col')) {
                            problems.push(`no caption or headers: ${table.querySelector('tbody').id}`);
                        }
                    }
                    for (const element of document.querySelectorAll('*')) {
                        for (const attribute of element.attributes) {
                            if (attribute.name.startsWith('on')) {
                                problems.push(`handler: ${attribute.name}`);
                            }
                        }
                    }
                    return problems;"""));
        });
    }

    @Test
    void rotatingAConfiguredSigningKeyAsksFirstAndShowsWhyItCannot() {
        inConsole("console-keys", (browser, wait) -> {
            signInAsAdmin(browser, wait);
            open(browser, wait, "keys");
            wait.until(driver -> signing(driver).size() == 1);
            var key = signing(browser).get(0);
            assertTrue(key.get(1).startsWith("RS"), key.toString());

            browser.findElement(By.id("rotate-key")).click();
            wait.until(ExpectedConditions.alertIsPresent()).dismiss();
            assertFalse(browser.findElement(By.id("rotate-result")).isDisplayed(), "nothing happens when declined");

            browser.findElement(By.id("rotate-key")).click();
            wait.until(ExpectedConditions.alertIsPresent()).accept();
            var result = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("rotate-result")));
            assertEquals(CONFIGURED_KEY, result.getText());
            assertEquals("alert", result.getAttribute("role"));
            assertEquals("rotate-result", browser.findElement(By.id("rotate-key")).getAttribute("aria-describedby"));
            assertEquals(List.of(key), signing(browser), "the configured key still signs");
        });
    }

    @Test
    void consoleFitsAPhoneWithoutScrollingSideways() {
        inConsole("console-390", (browser, wait) -> {
            browser.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                    Map.of("width", 390, "height", 844, "deviceScaleFactor", 2, "mobile", true));
            signInAsAdmin(browser, wait);
            wait.until(driver -> !rows(driver, "users-rows").isEmpty());
            assertEquals(390L, script(browser, "return window.innerWidth;"));
            assertFitsTheScreen(browser);
            openUser(browser, wait, "admin");
            assertFitsTheScreen(browser);
            for (var section : List.of("apps", "grants", "usage", "audit", "keys")) {
                open(browser, wait, section);
                assertFitsTheScreen(browser);
            }
        });
    }

    @Test
    void aFieldTheApiRefusesIsNamedNextToIt() {
        inConsole("console-field-errors", (browser, wait) -> {
            signInAsAdmin(browser, wait);
            browser.findElement(By.cssSelector("#new-user summary")).click();
            type(browser, wait, "new-user-username", "no spaces " + fresh());
            type(browser, wait, "new-user-password", "a password for nobody");
            type(browser, wait, "new-user-email", "not an address");
            browser.findElement(By.id("new-user-create")).click();
            var email = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("new-user-email-error")));
            assertEquals("must be a well-formed email address", email.getText());
            assertEquals("alert", email.getAttribute("role"));
            var input = browser.findElement(By.id("new-user-email"));
            assertEquals("new-user-email-error", input.getAttribute("aria-describedby"));
            assertEquals("true", input.getAttribute("aria-invalid"));
            assertTrue(browser.findElement(By.id("new-user-username-error")).getText().startsWith("must be 1 to 64"));
            assertFalse(browser.findElement(By.cssSelector("#new-user-form .form-error")).isDisplayed(),
                    "every message has its field");
        });
    }

    @Test
    void namesFromTheApiAreShownAsTextNeverAsMarkup() {
        var username = "mallory-" + fresh();
        var name = "<img src=x id=injected onerror=\"window.ran=1\">";
        var made = api.json("POST", "admin/users", admin(), "{\"username\":\"" + username
                + "\",\"password\":\"password-" + username + "\",\"full_name\":\"" + name.replace("\"", "\\\"")
                + "\"}");
        assertEquals(201, made.status(), made.body());
        inConsole("console-markup", (browser, wait) -> {
            signInAsAdmin(browser, wait);
            type(browser, wait, "user-q", username);
            submit(browser, wait, By.cssSelector("#user-search button[type=submit]"));
            wait.until(driver -> rows(driver, "users-rows").stream().anyMatch(row -> row.get(0).equals(username)));
            assertEquals(name, rows(browser, "users-rows").get(0).get(1));
            openUser(browser, wait, username);
            assertEquals(username + " (" + name + ")", browser.findElement(By.id("user-detail-heading")).getText());
            assertTrue(browser.findElements(By.id("injected")).isEmpty());
            assertNull(script(browser, "return window.ran;"));
        });
    }

    @Test
    void usageIsExportedAsCsvOfWhatTheTableShows() {
        var admin = admin();
        var appId = "csv-" + fresh();
        assertEquals(201, api.json("POST", "admin/apps", admin, "{\"id\":\"" + appId + "\",\"name\":\"CSV\","
                + "\"backend\":\"echo\"}").status());
        var username = "counted-" + fresh();
        assertEquals(201, api.json("POST", "admin/users", admin, "{\"username\":\"" + username
                + "\",\"password\":\"password-" + username + "\"}").status());
        assertEquals(201, api.json("POST", "admin/apps/" + appId + "/grants", admin, "{\"user\":\"" + username
                + "\"}").status());
        var token = api.login(username, "password-" + username);
        assertEquals(200, complete(token, appId).status());
        assertEquals(200, complete(token, appId).status());
        inConsole("console-csv", (browser, wait) -> {
            signInAsAdmin(browser, wait);
            open(browser, wait, "usage");
            choose(browser, wait, "usage-app", appId);
            submit(browser, wait, By.id("usage-show"));
            wait.until(driver -> rows(driver, "usage-rows").stream().anyMatch(row -> row.get(1).equals(username)));
            script(browser, "window.exported = []; const make = URL.createObjectURL;"
                    + " URL.createObjectURL = (blob) => { window.exported.push(blob); return make.call(URL, blob); };");
            wait.until(ExpectedConditions.elementToBeClickable(By.id("usage-csv"))).click();
            var csv = (String) browser.executeAsyncScript("const done = arguments[arguments.length - 1];"
                    + " window.exported[0].text().then(done);");
            var lines = csv.split("\\R");
            assertEquals("day,username,app,requests,prompt_tokens,completion_tokens,total_tokens", lines[0]);
            assertEquals(2, lines.length, csv);
            assertTrue(lines[1].startsWith("\"" + LocalDate.now(ZoneOffset.UTC) + "\",\"" + username + "\",\"" + appId
                    + "\",\"2\","), lines[1]);
        });
    }

    @Test
    void aUsersSessionsAreListedAndEndedWithTheirRefreshTokens() {
        var username = "sessions-" + fresh();
        assertEquals(201, api.json("POST", "admin/users", admin(), "{\"username\":\"" + username
                + "\",\"password\":\"password-" + username + "\"}").status());
        var form = "grant_type=password&client_id=chat&username=" + username + "&password=password-" + username;
        var first = api.loginForTokens(form).getString("refresh_token");
        var second = api.loginForTokens(form).getString("refresh_token");
        inConsole("console-sessions", (browser, wait) -> {
            signInAsAdmin(browser, wait);
            openUser(browser, wait, username);
            wait.until(driver -> rows(driver, "user-sessions-rows").size() == 2);
            assertTrue(rows(browser, "user-sessions-rows").stream().allMatch(row -> row.get(0).equals("chat")));

            browser.findElement(By.cssSelector("#user-sessions-rows button")).click();
            wait.until(ExpectedConditions.alertIsPresent()).accept();
            wait.until(driver -> rows(driver, "user-sessions-rows").size() == 1);

            browser.findElement(By.id("user-sessions-end")).click();
            wait.until(ExpectedConditions.alertIsPresent()).accept();
            wait.until(driver -> rows(driver, "user-sessions-rows").isEmpty());
        });
        for (var refreshToken : List.of(first, second)) {
            assertEquals(400, api.postForm("token", "grant_type=refresh_token&client_id=chat&refresh_token="
                    + refreshToken).status());
        }
    }

    @Test
    void checkingAnApplicationSaysWhetherItAnswers() {
        var admin = admin();
        var suffix = fresh();
        assertEquals(201, api.json("POST", "admin/apps", admin, "{\"id\":\"echo-" + suffix + "\",\"name\":\"Here "
                + suffix + "\",\"backend\":\"echo\"}").status());
        assertEquals(201, api.json("POST", "admin/apps", admin, "{\"id\":\"gone-" + suffix + "\",\"name\":\"Gone "
                + suffix + "\",\"backend\":\"http\",\"base_url\":\"https://nowhere.invalid/\"}").status());
        inConsole("console-check", (browser, wait) -> {
            signInAsAdmin(browser, wait);
            open(browser, wait, "apps");
            assertTrue(check(browser, wait, "Here " + suffix).startsWith("Reachable"));
            assertTrue(check(browser, wait, "Gone " + suffix).startsWith("Not reachable"));
        });
    }

    @Test
    void applicationIsEditedAndDeletedOnlyOnceConfirmed() {
        var id = "edited-" + fresh();
        assertEquals(201, api.json("POST", "admin/apps", admin(), "{\"id\":\"" + id + "\",\"name\":\"Before\","
                + "\"backend\":\"echo\"}").status());
        inConsole("console-app-edit", (browser, wait) -> {
            signInAsAdmin(browser, wait);
            open(browser, wait, "apps");
            wait.until(ExpectedConditions.elementToBeClickable(
                    By.cssSelector("#apps-rows button[aria-label='Edit Before']"))).click();
            assertEquals("true", browser.findElement(By.id("app-id")).getAttribute("readonly"));
            type(browser, wait, "app-name", "After");
            choose(browser, wait, "app-backend", "http");
            type(browser, wait, "app-base-url", "https://after.example.invalid/api");
            browser.findElement(By.id("app-save")).click();
            wait.until(driver -> rows(driver, "apps-rows").stream().anyMatch(row -> row.get(0).equals(id)
                    && row.subList(1, 5).equals(List.of("After", "http", "", "https://after.example.invalid/api"))));

            var delete = By.cssSelector("#apps-rows button[aria-label='Delete After']");
            browser.findElement(delete).click();
            wait.until(ExpectedConditions.alertIsPresent()).dismiss();
            assertEquals(200, api.getWithToken("admin/apps/" + id, admin()).status(), "kept when declined");
            browser.findElement(delete).click();
            wait.until(ExpectedConditions.alertIsPresent()).accept();
            wait.until(driver -> rows(driver, "apps-rows").stream().noneMatch(row -> row.get(0).equals(id)));
            assertEquals(404, api.getWithToken("admin/apps/" + id, admin()).status());
        });
    }

    @Test
    void grantLimitsAreChangedAndTheGrantRevokedOnceConfirmed() {
        var admin = admin();
        var id = "limited-" + fresh();
        assertEquals(201, api.json("POST", "admin/apps", admin, "{\"id\":\"" + id + "\",\"name\":\"Limited\","
                + "\"backend\":\"echo\"}").status());
        assertEquals(201, api.json("POST", "admin/apps/" + id + "/grants", admin, "{\"client\":\"demo-service\"}")
                .status());
        inConsole("console-grant-limits", (browser, wait) -> {
            signInAsAdmin(browser, wait);
            open(browser, wait, "grants");
            choose(browser, wait, "grants-app", id);
            wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(
                    "#grants-rows button[aria-label='Change the limits of client demo-service']"))).click();
            type(browser, wait, "grant-rpm", "7");
            type(browser, wait, "grant-tpd", "1000");
            submit(browser, wait, By.id("grant-save"));
            wait.until(driver -> rows(driver, "grants-rows").stream().anyMatch(row -> row.get(0).equals("demo-service")
                    && row.get(3).equals("7") && row.get(4).equals("1,000") && row.get(5).isEmpty()));
            var grant = api.getWithToken("admin/apps/" + id + "/grants", admin).array().getJsonObject(0);
            assertEquals(7, grant.getInt("requests_per_minute"));
            assertEquals(1000, grant.getInt("tokens_per_day"));

            browser.findElement(By.cssSelector(
                    "#grants-rows button[aria-label='Revoke Limited from client demo-service']")).click();
            wait.until(ExpectedConditions.alertIsPresent()).accept();
            wait.until(driver -> rows(driver, "grants-rows").isEmpty());
            assertEquals(List.of(), api.getWithToken("admin/apps/" + id + "/grants", admin).array());
        });
    }

    @Test
    void passwordIsResetAsTemporaryAndTheUserShownToHaveToChangeIt() {
        var username = "forgetful-" + fresh();
        assertEquals(201, api.json("POST", "admin/users", admin(), "{\"username\":\"" + username
                + "\",\"password\":\"password-" + username + "\"}").status());
        inConsole("console-password-reset", (browser, wait) -> {
            signInAsAdmin(browser, wait);
            openUser(browser, wait, username);
            assertTrue(browser.findElement(By.id("user-password-temporary")).isSelected());
            type(browser, wait, "user-new-password", "handed over in person");
            submit(browser, wait, By.cssSelector("#user-password-form button[type=submit]"));
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("user-detail-status"),
                    "must change the password at next sign-in"));
        });
        assertTrue(api.getWithToken("admin/users/" + username, admin()).json().getBoolean("password_change_required"));
        var temporary = api.getWithToken("users/me/items", api.login(username, "handed+over+in+person"));
        assertEquals(403, temporary.status(), temporary.body());
        assertEquals("password_change_required", temporary.json().getString("error"));
    }

    @Test
    void newClientsSecretIsShownOnceAndTheClientDeletedOnceConfirmed() {
        var id = "console-client-" + fresh();
        inConsole("console-clients", (browser, wait) -> {
            signInAsAdmin(browser, wait);
            open(browser, wait, "keys");
            type(browser, wait, "client-id", id);
            submit(browser, wait, By.cssSelector("#client-form button[type=submit]"));
            var secret = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("client-secret-value")));
            assertTrue(secret.getText().length() >= 32, "a secret is shown");
            assertEquals(id, browser.findElement(By.id("client-secret-id")).getText());
            wait.until(driver -> rows(driver, "clients-rows").stream().anyMatch(row -> row.get(0).equals(id)));
            assertFalse(rows(browser, "clients-rows").toString().contains(secret.getText()), "never in the list");

            browser.findElement(By.cssSelector("#clients-rows button[aria-label='Delete " + id + "']")).click();
            wait.until(ExpectedConditions.alertIsPresent()).accept();
            wait.until(driver -> rows(driver, "clients-rows").stream().noneMatch(row -> row.get(0).equals(id)));
            assertFalse(browser.findElement(By.id("client-secret")).isDisplayed(), "the secret goes with the client");
        });
        assertEquals(404, api.getWithToken("admin/clients/" + id, admin()).status());
    }

    @Test
    void aPublicClientWithRedirectUrisIsMadeAndItsUrisChanged() {
        var id = "console-app-" + fresh();
        inConsole("console-public-client", (browser, wait) -> {
            signInAsAdmin(browser, wait);
            open(browser, wait, "keys");
            type(browser, wait, "client-id", id);
            new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("client-type"))).selectByValue("public");
            type(browser, wait, "client-redirect-uris", "https://app.example/callback\nhttp://127.0.0.1:3000/cb");
            submit(browser, wait, By.cssSelector("#client-form button[type=submit]"));
            wait.until(driver -> rows(driver, "clients-rows").stream().anyMatch(row -> row.get(0).equals(id)));
            assertFalse(browser.findElement(By.id("client-secret")).isDisplayed(), "a public client has no secret");

            browser.findElement(By.cssSelector("#clients-rows button[aria-label='Redirect URIs of " + id + "']")).click();
            var asked = wait.until(ExpectedConditions.alertIsPresent());
            asked.sendKeys("https://app.example/signed-in");
            asked.accept();
            wait.until(driver -> rows(driver, "clients-rows").stream().anyMatch(row -> row.get(0).equals(id)
                    && row.contains("https://app.example/signed-in")));

            type(browser, wait, "client-id", id + "-bad");
            type(browser, wait, "client-redirect-uris", "http://app.example/not-https");
            submit(browser, wait, By.cssSelector("#client-form button[type=submit]"));
            var error = wait.until(ExpectedConditions.visibilityOfElementLocated(
                    By.cssSelector("#client-redirect-uris[aria-invalid=true]")));
            assertTrue(error.isDisplayed());
        });
        var client = api.getWithToken("admin/clients/" + id, admin()).json();
        assertEquals("public", client.getString("type"));
        assertEquals("[\"https://app.example/signed-in\"]", client.getJsonArray("redirect_uris").toString());
        assertEquals(404, api.getWithToken("admin/clients/" + id + "-bad", admin()).status());
    }

    @Test
    void usersApiKeyIsDeletedOnceConfirmedAndStopsWorking() {
        var admin = admin();
        var username = "scripted-" + fresh();
        assertEquals(201, api.json("POST", "admin/users", admin, "{\"username\":\"" + username
                + "\",\"password\":\"password-" + username + "\"}").status());
        assertEquals(201, api.json("POST", "admin/apps/translator/grants", admin, "{\"user\":\"" + username + "\"}")
                .status());
        var made = api.json("POST", "users/me/api-keys", api.login(username, "password-" + username),
                "{\"name\":\"nightly job\"}");
        assertEquals(201, made.status(), made.body());
        var key = made.json().getString("key");
        assertEquals(200, complete(key, "translator").status());
        inConsole("console-api-keys", (browser, wait) -> {
            signInAsAdmin(browser, wait);
            open(browser, wait, "keys");
            type(browser, wait, "api-keys-username", username);
            submit(browser, wait, By.cssSelector("#api-keys-form button[type=submit]"));
            wait.until(driver -> rows(driver, "api-keys-rows").size() == 1);
            var row = rows(browser, "api-keys-rows").get(0);
            assertEquals(List.of("nightly job", username, "all of the user's"), row.subList(0, 3));
            assertFalse(row.toString().contains(key), "a key's value is never listed");
            browser.findElement(By.cssSelector("#api-keys-rows button")).click();
            wait.until(ExpectedConditions.alertIsPresent()).accept();
            wait.until(driver -> rows(driver, "api-keys-rows").isEmpty());
        });
        assertEquals(401, complete(key, "translator").status());
    }

    @Test
    void auditTrailPagesToOlderEventsWhileAPageComesBackFull() {
        var admin = admin();
        var username = "audited-" + fresh();
        assertEquals(201, api.json("POST", "admin/users", admin, "{\"username\":\"" + username
                + "\",\"password\":\"password-" + username + "\"}").status());
        for (int i = 0; i < 51; i++) {
            assertEquals(200, api.json("PUT", "admin/users/" + username, admin, "{\"full_name\":\"Name " + i + "\"}")
                    .status());
        }
        inConsole("console-audit-pages", (browser, wait) -> {
            signInAsAdmin(browser, wait);
            open(browser, wait, "audit");
            type(browser, wait, "audit-username", username);
            choose(browser, wait, "audit-action", "user_update");
            submit(browser, wait, By.cssSelector("#audit-form button[type=submit]"));
            wait.until(driver -> rows(driver, "audit-rows").size() == 50);
            assertFalse(browser.findElement(By.id("audit-newer")).isEnabled());
            browser.findElement(By.id("audit-older")).click();
            wait.until(driver -> rows(driver, "audit-rows").size() == 1);
            assertEquals("(page 2)", browser.findElement(By.id("audit-page")).getText());
            assertFalse(browser.findElement(By.id("audit-older")).isEnabled(), "a page that is not full is the last");
            wait.until(ExpectedConditions.elementToBeClickable(By.id("audit-newer"))).click();
            wait.until(driver -> rows(driver, "audit-rows").size() == 50);
            assertEquals("(page 1)", browser.findElement(By.id("audit-page")).getText());
        });
    }

    @Test
    void openApiDocumentLeavesTheConsoleOut() {
        var paths = api.get("/openapi", "Accept", "application/json").json().getJsonObject("paths");
        assertTrue(paths.containsKey("/admin/users"));
        assertFalse(paths.containsKey("/admin"), paths.keySet().toString());
        assertFalse(paths.containsKey("/admin/chart.umd.js"), paths.keySet().toString());
    }

    @Test
    void signingOutRevokesTheSessionAndForgetsIt() {
        inConsole("console-sign-out", (browser, wait) -> {
            signInAsAdmin(browser, wait);
            wait.until(driver -> !rows(driver, "users-rows").isEmpty());
            var refreshToken = (String) script(browser,
                    "return JSON.parse(sessionStorage.getItem('torii.admin.session')).refreshToken;");
            browser.findElement(By.id("sign-out")).click();
            // With the ID token as its hint, /logout ends the browser's login without asking and comes back here.
            var notice = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-in-notice")));
            assertEquals("You have signed out.", notice.getText());
            assertEquals(api.uri("/admin").toString(), browser.getCurrentUrl());
            assertNull(stored(browser));
            assertNoData(browser);
            assertEquals(400, api.postForm("token", "grant_type=refresh_token&client_id=chat&refresh_token="
                    + refreshToken).status());
            browser.findElement(By.id("sign-in-button")).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("password")));
        });
    }

    // ---- Steps

    void inConsole(String evidence, BiConsumer<ChromeDriver, WebDriverWait> steps) {
        Browser.visit(api.uri("/admin"), evidence, steps);
    }

    String admin() {
        return api.login("admin", "secretadmin");
    }

    torii.testing.Api.Reply complete(String token, String appId) {
        return api.json("POST", "v1/chat/completions", token, "{\"model\":\"" + appId + "\",\"messages\":[{\"role\":"
                + "\"user\",\"content\":\"Count me\"}]}");
    }

    static String fresh() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /** From the console, through the login page. */
    static void signIn(WebDriver browser, WebDriverWait wait, String username, String password) {
        wait.until(ExpectedConditions.elementToBeClickable(By.id("sign-in-button"))).click();
        LoginPage.signIn(browser, wait, username, password);
    }


    static void signInAsAdmin(WebDriver browser, WebDriverWait wait) {
        signIn(browser, wait, "admin", "secretadmin");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("console-view")));
    }

    static void open(WebDriver browser, WebDriverWait wait, String section) {
        wait.until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("#section-links a[data-section='" + section + "']"))).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("section-" + section)));
    }

    static void openUser(WebDriver browser, WebDriverWait wait, String username) {
        open(browser, wait, "users");
        type(browser, wait, "user-q", username);
        submit(browser, wait, By.cssSelector("#user-search button[type=submit]"));
        wait.until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("#users-rows button[aria-label='Manage " + username + "']"))).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("user-detail-heading"), username));
    }

    /** Submits a form by its button, and waits for the answer: the button is disabled until it has come. */
    static void submit(WebDriver browser, WebDriverWait wait, By button) {
        browser.findElement(button).click();
        wait.until(ExpectedConditions.elementToBeClickable(button));
    }

    static void type(WebDriver browser, WebDriverWait wait, String id, String text) {
        var field = wait.until(ExpectedConditions.elementToBeClickable(By.id(id)));
        field.clear();
        field.sendKeys(text);
    }

    static void choose(WebDriver browser, WebDriverWait wait, String id, String value) {
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#" + id + " option[value='" + value
                + "']")));
        new Select(browser.findElement(By.id(id))).selectByValue(value);
    }

    /** The text of each cell of each row of a table body, but for the row that says there is none. */
    @SuppressWarnings("unchecked")
    static List<List<String>> rows(WebDriver browser, String body) {
        return (List<List<String>>) script(browser, "return [...document.querySelectorAll('#' + arguments[0]"
                + " + ' tr:not(.empty-row)')].map((row) => [...row.cells].map((cell) => cell.textContent));", body);
    }

    static List<String> actions(WebDriver browser) {
        return rows(browser, "audit-rows").stream().map(row -> row.get(1)).toList();
    }

    static List<List<String>> signing(WebDriver browser) {
        return rows(browser, "signing-keys-rows").stream().filter(row -> row.get(2).equals("signing")).toList();
    }

    static String check(WebDriver browser, WebDriverWait wait, String appName) {
        browser.findElement(By.cssSelector("#apps-rows button[aria-label='Check " + appName + "']")).click();
        var result = By.xpath("//tbody[@id='apps-rows']/tr[td[text()='" + appName + "']]//span[@role='status']");
        wait.until(driver -> {
            var text = driver.findElement(result).getText();
            return !text.isEmpty() && !text.equals("Checking…");
        });
        return browser.findElement(result).getText();
    }

    static Object script(WebDriver browser, String code, Object... arguments) {
        return ((JavascriptExecutor) browser).executeScript(code, arguments);
    }

    static Object stored(WebDriver browser) {
        return script(browser, "return sessionStorage.getItem('torii.admin.session');");
    }

    /** What the browser refused under the page's policy since the last look. */
    static List<String> violations(ChromeDriver browser) {
        return browser.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::getMessage)
                .filter(message -> message.contains("Content Security Policy")).toList();
    }

    static void assertNoData(WebDriver browser) {
        assertFalse(browser.findElement(By.id("console-view")).isDisplayed());
        assertEquals(0L, script(browser, "return document.querySelectorAll('#console-view tbody tr,"
                + " #console-view tfoot tr, #console-view select[data-apps] option').length;"));
        var source = browser.getPageSource();
        for (var data : List.of("translator", "johndoe@example.com", "admin@example.com", "RS256")) {
            assertFalse(source.contains(data), data);
        }
    }

    static void assertFitsTheScreen(WebDriver browser) {
        var widths = script(browser, "return [document.documentElement.scrollWidth, document.body.scrollWidth];");
        assertEquals(List.of(true, true), ((List<?>) widths).stream().map(width -> ((Number) width).longValue() <= 390)
                .toList(), widths.toString());
    }
}
