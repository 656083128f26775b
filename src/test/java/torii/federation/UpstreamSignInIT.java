package torii.federation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import torii.federation.boundary.Federation;
import torii.federation.control.FederationSettings;
import torii.federation.control.Providers;
import torii.federation.control.SignInCookies;
import torii.federation.control.UpstreamClient;
import torii.federation.entity.UpstreamFailure;
import torii.federation.entity.UpstreamFailure.Reason;
import torii.keys.control.KeyMaterial;
import torii.keys.control.KeyRing;
import torii.testing.Browser;
import torii.testing.Keycloak;

/**
 * Signing in at a real Keycloak (FED-1 to FED-4): the federation's classes are made here as the service makes them,
 * the person signs in on Keycloak's own login page in Chromium, and Keycloak's redirect lands on a callback this test
 * serves on 127.0.0.1, which keeps the query for {@link Federation#finish}.
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class UpstreamSignInIT {

    static final String RETURN_QUERY = "response_type=code&client_id=chat&state=client-state&scope=openid";

    static Keycloak keycloak;
    static HttpServer callbackServer;
    static URI callback;
    static final AtomicReference<CompletableFuture<String>> arrived = new AtomicReference<>();
    static Federation federation;

    @BeforeAll
    static void start() throws IOException {
        keycloak = Keycloak.shared();
        callbackServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        callbackServer.createContext("/authorize/upstream/company/callback", exchange -> {
            arrived.get().complete(Optional.ofNullable(exchange.getRequestURI().getRawQuery()).orElse(""));
            var body = "back at the callback".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        callbackServer.start();
        callback = URI.create("http://127.0.0.1:" + callbackServer.getAddress().getPort()
                + "/authorize/upstream/company/callback");
        var secret = Files.createTempFile(Path.of("target"), "company-secret", ".txt");
        Files.writeString(secret, Keycloak.CLIENT_SECRET + "\n");
        var settings = Map.of("torii.federation.providers", "company",
                "torii.federation.company.issuer", keycloak.issuer().toString(),
                "torii.federation.company.client-id", Keycloak.CLIENT_ID,
                "torii.federation.company.client-secret-file", secret.toString(),
                "torii.federation.company.name", "Company account");
        var keys = new KeyRing();
        keys.use(KeyMaterial.generate(JWSAlgorithm.RS256));
        var bounds = FederationSettings.defaults();
        federation = new Federation(Providers.read(name -> Optional.ofNullable(settings.get(name))),
                new SignInCookies(keys, "RS256", bounds.cookieLifetime(), Clock.systemUTC()),
                new UpstreamClient(bounds, 60, Clock.systemUTC()), bounds);
    }

    @AfterAll
    static void stop() {
        if (callbackServer != null) {
            callbackServer.stop(0);
        }
    }

    @Test
    void aPersonSignedInAtTheCompanyIsKnownBySubjectUsernameEmailAndGroups() {
        var start = federation.start("company", RETURN_QUERY, callback);
        var params = signIn(start.authorizationUrl(), Keycloak.HANAKO, "upstream-sign-in-hanako");

        var identity = federation.finish("company", params, start.cookie(), callback);

        assertEquals("company", identity.provider());
        assertEquals(keycloak.issuer().toString(), identity.issuer());
        assertTrue(identity.subject().matches("[0-9a-f-]{36}"), "Keycloak's user id: " + identity.subject());
        assertEquals("hanako", identity.preferredUsername());
        assertEquals("Hanako Sato", identity.name());
        assertEquals("hanako@company.test", identity.email());
        assertEquals(List.of("data-science"), identity.groups());
        assertEquals(Optional.of(RETURN_QUERY), federation.returnQuery(start.cookie()));
    }

    @Test
    void everyGroupOfThePersonIsKept() {
        var start = federation.start("company", RETURN_QUERY, callback);
        var params = signIn(start.authorizationUrl(), Keycloak.KENJI, "upstream-sign-in-kenji");

        var identity = federation.finish("company", params, start.cookie(), callback);

        assertEquals("kenji", identity.preferredUsername());
        assertEquals(List.of("data-science", "engineering"), identity.groups().stream().sorted().toList());
    }

    @Test
    void anAnswerForAnotherSignInIsRefusedAndItsCodeStaysUnused() {
        var mine = federation.start("company", RETURN_QUERY, callback);
        var other = federation.start("company", RETURN_QUERY, callback);
        var params = signIn(other.authorizationUrl(), Keycloak.HANAKO, "upstream-sign-in-wrong-state");

        var refused = assertThrows(UpstreamFailure.class,
                () -> federation.finish("company", params, mine.cookie(), callback));
        assertEquals(Reason.STATE_MISMATCH, refused.reason());

        assertEquals("hanako", federation.finish("company", params, other.cookie(), callback).preferredUsername());
    }

    @Test
    void aCodeIsExchangedOnceOnly() {
        var start = federation.start("company", RETURN_QUERY, callback);
        var params = signIn(start.authorizationUrl(), Keycloak.HANAKO, "upstream-sign-in-replay");
        federation.finish("company", params, start.cookie(), callback);

        var replayed = assertThrows(UpstreamFailure.class,
                () -> federation.finish("company", params, start.cookie(), callback));
        assertEquals(Reason.INVALID_TOKEN, replayed.reason());
    }

    @Test
    void aRefusalAtTheProviderIsDenied() {
        var start = federation.start("company", RETURN_QUERY, callback);
        var state = params(start.authorizationUrl().getRawQuery()).get("state");
        var refusal = Map.of("error", List.of("access_denied"), "state", state,
                "iss", List.of(keycloak.issuer().toString()));

        var denied = assertThrows(UpstreamFailure.class,
                () -> federation.finish("company", refusal, start.cookie(), callback));
        assertEquals(Reason.DENIED, denied.reason());
        assertEquals("access_denied", denied.reason().error());
    }

    @Test
    void anAnswerWithoutTheIssuerThatKeycloakAnnouncesIsRefused() {
        var start = federation.start("company", RETURN_QUERY, callback);
        var state = params(start.authorizationUrl().getRawQuery()).get("state");
        var anonymous = Map.of("code", List.of("a-code"), "state", state);

        var refused = assertThrows(UpstreamFailure.class,
                () -> federation.finish("company", anonymous, start.cookie(), callback));
        assertEquals(Reason.STATE_MISMATCH, refused.reason());
    }

    @Test
    void theAuthorizationRequestAsksForACodeWithPkceStateAndNonce() {
        var url = federation.start("company", RETURN_QUERY, callback).authorizationUrl();
        var query = params(url.getRawQuery());

        assertTrue(url.toString().startsWith(keycloak.issuer() + "/protocol/openid-connect/auth?"), url.toString());
        assertEquals(List.of("code"), query.get("response_type"));
        assertEquals(List.of(Keycloak.CLIENT_ID), query.get("client_id"));
        assertEquals(List.of(callback.toString()), query.get("redirect_uri"));
        assertEquals(List.of("S256"), query.get("code_challenge_method"));
        assertEquals(43, query.get("code_challenge").get(0).length());
        assertTrue(query.containsKey("state") && query.containsKey("nonce"), url.toString());
    }

    /**
     * Signs the person in on Keycloak's login page; the query of the redirect to the callback. Keycloak's session of an
     * earlier visit is forgotten first: the shared browser's fresh tab keeps cookies, and Keycloak would let the last
     * person in again without asking.
     */
    static Map<String, List<String>> signIn(URI authorizationUrl, Keycloak.Person person, String evidence) {
        var query = new CompletableFuture<String>();
        Browser.visit(URI.create("about:blank"), evidence, (browser, wait) -> {
            browser.executeCdpCommand("Network.clearBrowserCookies", Map.of());
            arrived.set(query);
            browser.get(authorizationUrl.toString());
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys(person.username());
            browser.findElement(By.id("password")).sendKeys(person.password());
            browser.findElement(By.id("kc-login")).click();
            wait.until(done -> query.isDone());
        });
        return params(query.join());
    }

    static Map<String, List<String>> params(String rawQuery) {
        var params = new LinkedHashMap<String, List<String>>();
        for (var pair : rawQuery.split("&")) {
            var equals = pair.indexOf('=');
            var name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            var value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            params.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
        }
        return params;
    }
}
