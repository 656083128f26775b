package torii.signin.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import torii.testing.BlackBox;
import torii.testing.Browser;
import torii.testing.CodeFlow;
import torii.testing.Keycloak;

/**
 * Signing in with a company account at a real OpenID Connect provider (Keycloak, started by the test): the account's
 * first sign-in makes a local user with its groups as roles, the client gets its code as after a password, and the
 * local user is disabled like any other.
 */
class CompanyAccountIT extends BlackBox {

    HttpServer application;
    CompletableFuture<String> arrived;
    CodeFlow flow;
    String admin;

    /** The client application's redirect URI, on a server of the test's own that keeps what arrives. */
    @BeforeEach
    void startApplication() throws Exception {
        Keycloak.shared();
        application = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        application.createContext("/callback", exchange -> {
            arrived.complete(exchange.getRequestURI().getRawQuery());
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        application.start();
        admin = api.login("admin", "secretadmin");
        var redirect = "http://127.0.0.1:" + application.getAddress().getPort() + "/callback";
        var made = api.json("POST", "admin/clients", admin, "{\"client_id\":\"app" + UUID.randomUUID().toString()
                .substring(0, 8) + "\",\"type\":\"public\",\"redirect_uris\":[\"" + redirect + "\"]}");
        assertEquals(201, made.status(), made.body());
        flow = new CodeFlow(api, made.json().getString("client_id"), redirect, null);
    }

    @AfterEach
    void stopApplication() {
        application.stop(0);
    }

    /** From the login page's button to the client's redirect URI, through the provider's login page. */
    String signInWithCompany(Keycloak.Person person) {
        arrived = new CompletableFuture<>();
        var start = api.uri("authorize/upstream/company?" + flow.again().authorizationUri("openid profile email")
                .getRawQuery());
        Browser.visit(URI.create("about:blank"), "company-account", (browser, wait) -> {
            browser.executeCdpCommand("Network.clearBrowserCookies", Map.of());
            browser.get(start.toString());
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys(person.username());
            browser.findElement(By.id("password")).sendKeys(person.password());
            browser.findElement(By.id("kc-login")).click();
            wait.until(done -> arrived.isDone());
        });
        return "http://127.0.0.1/callback?" + arrived.join();
    }

    @Test
    void theFirstSignInMakesALocalUserWithTheAccountsGroups() throws Exception {
        var response = CodeFlow.success(signInWithCompany(Keycloak.HANAKO));
        assertEquals(flow.state, response.getState());
        var tokens = (OIDCTokenResponse) OIDCTokenResponseParser.parse(flow.redeem(response.getAuthorizationCode()))
                .toSuccessResponse();
        var issuer = new Issuer(api.get(".well-known/openid-configuration").json().getString("issuer"));
        var claims = new IDTokenValidator(issuer, flow.client, JWSAlgorithm.RS256,
                api.uri(".well-known/jwks.json").toURL()).validate(tokens.getOIDCTokens().getIDToken(), flow.nonce);
        var username = claims.getSubject().getValue();
        assertTrue(username.equals("hanako") || username.startsWith("hanako"), username);
        assertEquals(Keycloak.HANAKO.name(), claims.getStringClaim("name"));
        assertTrue(claims.getStringListClaim("groups").contains("data-science"), claims.toJSONString());

        var user = api.getWithToken("admin/users/" + username, admin).json();
        assertEquals(Keycloak.HANAKO.email(), user.getString("email"));
        assertTrue(user.getJsonArray("roles").toString().contains("data-science"), user.toString());
        var audited = api.getWithToken("admin/audit?action=login&username=" + username, admin).array();
        assertTrue(audited.toString().contains("with company"), audited.toString());

        var again = CodeFlow.success(signInWithCompany(Keycloak.HANAKO));
        var second = (OIDCTokenResponse) OIDCTokenResponseParser.parse(flow.redeem(again.getAuthorizationCode()))
                .toSuccessResponse();
        assertEquals(username, second.getOIDCTokens().getIDToken().getJWTClaimsSet().getSubject(),
                "the same account, the same user");
    }

    @Test
    void aLocalUserOfTheSameNameIsNotTakenOver() throws Exception {
        var local = api.json("POST", "admin/users", admin, "{\"username\":\"kenji\",\"password\":\"kenji local pass\"}");
        assertTrue(local.status() == 201 || local.status() == 409, local.body());
        var response = CodeFlow.success(signInWithCompany(Keycloak.KENJI));
        var tokens = (OIDCTokenResponse) OIDCTokenResponseParser.parse(flow.redeem(response.getAuthorizationCode()))
                .toSuccessResponse();
        var subject = tokens.getOIDCTokens().getIDToken().getJWTClaimsSet().getSubject();
        assertNotEquals("kenji", subject);
        assertEquals(List.of("data-science", "engineering", "user"), api.getWithToken("admin/users/" + subject, admin)
                .json().getJsonArray("roles").getValuesAs(jakarta.json.JsonString.class).stream()
                .map(jakarta.json.JsonString::getString).sorted().toList());
    }

    @Test
    void aDisabledAccountIsToldAccessDenied() throws Exception {
        var first = CodeFlow.success(signInWithCompany(Keycloak.HANAKO));
        var tokens = (OIDCTokenResponse) OIDCTokenResponseParser.parse(flow.redeem(first.getAuthorizationCode()))
                .toSuccessResponse();
        var username = tokens.getOIDCTokens().getIDToken().getJWTClaimsSet().getSubject();
        assertEquals(200, api.json("POST", "admin/users/" + username + "/disable", admin, null).status());
        try {
            var refused = CodeFlow.error(signInWithCompany(Keycloak.HANAKO));
            assertEquals("access_denied", refused.getErrorObject().getCode());
            assertEquals(flow.state, refused.getState());
        } finally {
            assertEquals(200, api.json("POST", "admin/users/" + username + "/enable", admin, null).status());
        }
    }

    @Test
    void theChatPageSignsInWithACompanyAccount() {
        Browser.visit(URI.create("about:blank"), "company-account-chat", (browser, wait) -> {
            browser.executeCdpCommand("Network.clearBrowserCookies", Map.of());
            browser.get(api.uri("/").toString());
            wait.until(ExpectedConditions.elementToBeClickable(By.id("sign-in-button"))).click();
            wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#provider-list button[data-provider=company]")))
                    .click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")))
                    .sendKeys(Keycloak.HANAKO.username());
            browser.findElement(By.id("password")).sendKeys(Keycloak.HANAKO.password());
            browser.findElement(By.id("kc-login")).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("chat-view")));
            assertEquals(api.uri("/").toString(), browser.getCurrentUrl());
            assertEquals(Keycloak.HANAKO.name(), wait.until(ExpectedConditions.visibilityOfElementLocated(
                    By.id("user-name"))).getText());
        });
    }

    @Test
    void theLoginPageListsTheProvider() {
        var providers = api.get("authorize/providers").array();
        assertEquals(1, providers.size());
        assertEquals("company", providers.getJsonObject(0).getString("id"));
        assertEquals("/authorize/upstream/company", providers.getJsonObject(0).getString("start"));
    }
}
