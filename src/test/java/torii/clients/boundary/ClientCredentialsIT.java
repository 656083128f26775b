package torii.clients.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jwt.SignedJWT;
import jakarta.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import torii.testing.Api;
import torii.testing.BlackBox;

/** The client credentials grant, and the clients administrators make for other systems, row by row. */
class ClientCredentialsIT extends BlackBox {

    static final String DEMO = "demo-service";
    static final String DEMO_SECRET = "demo-service-secret";

    String admin;

    @BeforeEach
    void login() {
        admin = api.login("admin", "secretadmin");
    }

    Api.Reply grant(String clientId, String secret, String form) {
        return api.postForm("token", "grant_type=client_credentials" + form, "Authorization", Api.basic(clientId, secret));
    }

    String tokenOf(String clientId, String secret) {
        var reply = grant(clientId, secret, "");
        assertEquals(200, reply.status(), reply.body());
        return reply.json().getString("access_token");
    }

    Api.Reply call(String token, String app) {
        return api.json("POST", "v1/chat/completions", token,
                "{\"model\":\"" + app + "\",\"messages\":[{\"role\":\"user\",\"content\":\"nightly batch\"}]}");
    }

    static String fresh(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    JsonObject create(String clientId) {
        var reply = api.json("POST", "admin/clients", admin, "{\"client_id\":\"" + clientId + "\"}");
        assertEquals(201, reply.status(), reply.body());
        assertEquals("no-store", reply.header("Cache-Control"));
        assertTrue(reply.header("Location").endsWith("/admin/clients/" + clientId), reply.header("Location"));
        return reply.json();
    }

    String echoApp() {
        var id = fresh("echo");
        var reply = api.json("POST", "admin/apps", admin, "{\"id\":\"" + id + "\",\"name\":\"Echo\",\"backend\":\"echo\"}");
        assertEquals(201, reply.status(), reply.body());
        return id;
    }

    void grantApp(String app, String clientId) {
        var reply = api.json("POST", "admin/apps/" + app + "/grants", admin, "{\"client\":\"" + clientId + "\"}");
        assertEquals(201, reply.status(), reply.body());
        assertEquals(clientId, reply.json().getString("client"));
    }

    @Test
    void theDemoClientGetsATokenOfItsOwnForItsApplicationOnlyAndNoRefreshToken() throws Exception {
        var reply = grant(DEMO, DEMO_SECRET, "");
        assertEquals(200, reply.status(), reply.body());
        assertEquals("no-store", reply.header("Cache-Control"));
        var body = reply.json();
        assertEquals(Set.of("access_token", "token_type", "expires_in", "scope"), body.keySet());
        assertEquals("app:translator", body.getString("scope"));
        var claims = SignedJWT.parse(body.getString("access_token")).getJWTClaimsSet();
        assertEquals(DEMO, claims.getSubject());
        assertEquals(DEMO, claims.getStringClaim("client_id"));
        assertEquals("client_credentials", claims.getStringClaim("gty"));
        assertEquals(List.of(), claims.getStringListClaim("groups"));
        assertNull(claims.getClaim("sid"), "no login session");

        var token = body.getString("access_token");
        var answer = call(token, "translator");
        assertEquals(200, answer.status(), answer.body());
        assertEquals("translator", answer.json().getString("model"));
    }

    @Test
    void theSecretMayComeInTheFormInstead() {
        var reply = api.postForm("token", "grant_type=client_credentials&client_id=" + DEMO + "&client_secret="
                + DEMO_SECRET + "&scope=app:translator");
        assertEquals(200, reply.status(), reply.body());
        assertEquals("app:translator", reply.json().getString("scope"));
    }

    @Test
    void aClientsTokenReachesNoUserOrAdministratorEndpoint() {
        var token = tokenOf(DEMO, DEMO_SECRET);
        for (var path : List.of("users/me", "users/me/items", "admin/users", "admin/clients", "admin/audit")) {
            var reply = api.getWithToken(path, token);
            assertEquals(403, reply.status(), path + ": " + reply.body());
        }
        assertEquals(403, call(token, "summarizer").status(), "an application not granted to the client");
    }

    @Test
    void userAndAdministratorScopesAreNeverGrantedToAClient() {
        for (var scope : List.of("admin", "me", "items", "admin+me+items", "app:summarizer")) {
            var reply = grant(DEMO, DEMO_SECRET, "&scope=" + scope);
            assertEquals(400, reply.status(), scope + ": " + reply.body());
            assertEquals("invalid_scope", reply.json().getString("error"));
        }
        var narrowed = grant(DEMO, DEMO_SECRET, "&scope=admin+me+app:translator");
        assertEquals(200, narrowed.status(), narrowed.body());
        assertEquals("app:translator", narrowed.json().getString("scope"));
    }

    @Test
    void publicClientsAndUnprovenClientsGetNoToken() {
        var publicClient = api.postForm("token", "grant_type=client_credentials&client_id=chat");
        assertEquals(400, publicClient.status(), publicClient.body());
        assertEquals("unauthorized_client", publicClient.json().getString("error"));

        var nobody = api.postForm("token", "grant_type=client_credentials");
        assertEquals(401, nobody.status(), nobody.body());
        assertEquals("invalid_client", nobody.json().getString("error"));
        assertEquals("Basic realm=\"torii\"", nobody.header("WWW-Authenticate"));

        var wrongSecret = grant(DEMO, "not-the-secret", "");
        assertEquals(401, wrongSecret.status());
        assertEquals("invalid_client", wrongSecret.json().getString("error"));
        assertEquals(401, grant("no-such-client", DEMO_SECRET, "").status());
    }

    @Test
    void aMadeClientShowsItsSecretOnceAndUsesItsGrants() {
        var id = fresh("batch");
        var made = create(id);
        var secret = made.getString("client_secret");
        assertEquals(43, secret.length(), "256 random bits, base64url");
        assertEquals("confidential", made.getString("type"));
        assertEquals("admin", made.getString("source"));

        var listed = api.getWithToken("admin/clients", admin);
        assertEquals(200, listed.status());
        assertFalse(listed.body().contains(secret));
        assertTrue(listed.array().stream().anyMatch(c -> c.asJsonObject().getString("client_id").equals(id)));
        assertFalse(api.getWithToken("admin/clients/" + id, admin).json().containsKey("client_secret"));

        var nothingGranted = grant(id, secret, "");
        assertEquals(400, nothingGranted.status());
        assertEquals("invalid_scope", nothingGranted.json().getString("error"));

        var app = echoApp();
        grantApp(app, id);
        var token = tokenOf(id, secret);
        assertEquals(200, call(token, app).status());
        var usage = api.getWithToken("admin/usage?username=client:" + id, admin);
        assertEquals(200, usage.status(), usage.body());
        assertEquals(app, usage.array().getJsonObject(0).getString("app"), usage.body());
    }

    @Test
    void aClientIdIsCheckedAndTakenOnce() {
        var id = fresh("taken");
        create(id);
        assertEquals(409, api.json("POST", "admin/clients", admin, "{\"client_id\":\"" + id + "\"}").status());
        assertEquals(409, api.json("POST", "admin/clients", admin, "{\"client_id\":\"docs\"}").status());
        for (var bad : List.of("\"Upper\"", "\"a\"", "\"has space\"", "\"" + "a".repeat(49) + "\"", "null", "7")) {
            var reply = api.json("POST", "admin/clients", admin, "{\"client_id\":" + bad + "}");
            assertEquals(400, reply.status(), bad + ": " + reply.body());
        }
        var noGrantee = api.json("POST", "admin/apps/translator/grants", admin, "{\"client\":\"no-such-client\"}");
        assertEquals(404, noGrantee.status(), noGrantee.body());
        var publicGrantee = api.json("POST", "admin/apps/translator/grants", admin, "{\"client\":\"chat\"}");
        assertEquals(404, publicGrantee.status(), "only confidential clients get tokens of their own");
        var two = api.json("POST", "admin/apps/translator/grants", admin, "{\"client\":\"" + id + "\",\"user\":\"johndoe\"}");
        assertEquals(400, two.status(), two.body());
    }

    @Test
    void aNewSecretEndsTheOldOneAndTheTokensGotWithIt() {
        var id = fresh("rotated");
        var oldSecret = create(id).getString("client_secret");
        var app = echoApp();
        grantApp(app, id);
        var oldToken = tokenOf(id, oldSecret);

        var rotated = api.json("POST", "admin/clients/" + id + "/secret", admin, null);
        assertEquals(200, rotated.status(), rotated.body());
        assertEquals("no-store", rotated.header("Cache-Control"));
        var newSecret = rotated.json().getString("client_secret");

        assertEquals(401, grant(id, oldSecret, "").status());
        assertEquals(401, call(oldToken, app).status());
        assertEquals(200, call(tokenOf(id, newSecret), app).status());
    }

    @Test
    void aDisabledClientsTokensStopAtTheirNextRequestAndStayDead() {
        var id = fresh("disabled");
        var secret = create(id).getString("client_secret");
        var app = echoApp();
        grantApp(app, id);
        var token = tokenOf(id, secret);
        assertEquals(200, call(token, app).status());

        var disabled = api.json("POST", "admin/clients/" + id + "/disable", admin, null);
        assertEquals(200, disabled.status(), disabled.body());
        assertTrue(disabled.json().getBoolean("disabled"));
        assertEquals(401, call(token, app).status());
        assertEquals(401, grant(id, secret, "").status());
        assertFalse(introspect(token).getBoolean("active"));

        assertEquals(200, api.json("POST", "admin/clients/" + id + "/enable", admin, null).status());
        assertEquals(401, call(token, app).status(), "enabling does not bring old tokens back");
        assertEquals(200, call(tokenOf(id, secret), app).status());
    }

    @Test
    void aDeletedClientsTokensStopAndItsGrantsGo() {
        var id = fresh("deleted");
        var secret = create(id).getString("client_secret");
        var app = echoApp();
        grantApp(app, id);
        var token = tokenOf(id, secret);

        assertEquals(204, api.json("DELETE", "admin/clients/" + id, admin, null).status());
        assertEquals(401, call(token, app).status());
        assertEquals(401, grant(id, secret, "").status());
        assertEquals(404, api.getWithToken("admin/clients/" + id, admin).status());
        assertFalse(api.getWithToken("admin/apps/" + app + "/grants", admin).body().contains(id));

        // A new client of the same id starts without the old one's grants.
        var again = create(id).getString("client_secret");
        assertEquals("invalid_scope", grant(id, again, "").json().getString("error"));
    }

    @Test
    void aRevokedGrantRefusesTheNextCall() {
        var id = fresh("revoked");
        var secret = create(id).getString("client_secret");
        var app = echoApp();
        grantApp(app, id);
        var token = tokenOf(id, secret);
        assertEquals(204, api.json("DELETE", "admin/apps/" + app + "/grants/clients/" + id, admin, null).status());
        assertEquals(403, call(token, app).status());
    }

    @Test
    void theConfigurationsClientsAreChangedThereOnly() {
        assertEquals(409, api.json("POST", "admin/clients/" + DEMO + "/secret", admin, null).status());
        assertEquals(409, api.json("DELETE", "admin/clients/" + DEMO, admin, null).status());
        assertEquals(409, api.json("DELETE", "admin/clients/docs", admin, null).status());
        assertEquals(404, api.json("DELETE", "admin/clients/no-such-client", admin, null).status());
        assertEquals(200, grant(DEMO, DEMO_SECRET, "").status(), "still there and unchanged");
    }

    @Test
    void usersTokensIssuedToADisabledClientStopToo() {
        var id = fresh("frontend");
        var secret = create(id).getString("client_secret");
        var reply = api.postForm("token", "username=johndoe&password=secret", "Authorization", Api.basic(id, secret));
        assertEquals(200, reply.status(), reply.body());
        var token = reply.json().getString("access_token");
        assertEquals(200, api.getWithToken("users/me", token).status());

        assertEquals(200, api.json("POST", "admin/clients/" + id + "/disable", admin, null).status());
        assertEquals(401, api.getWithToken("users/me", token).status());
        var refresh = api.postForm("token", "grant_type=refresh_token&refresh_token="
                + reply.json().getString("refresh_token"), "Authorization", Api.basic(id, secret));
        assertEquals(401, refresh.status(), refresh.body());
    }

    @Test
    void onlyAdministratorsWithTheAdminScopeManageClients() {
        var johndoe = api.login("johndoe", "secret");
        assertEquals(403, api.getWithToken("admin/clients", johndoe).status());
        assertEquals(403, api.json("POST", "admin/clients", johndoe, "{\"client_id\":\"" + fresh("x") + "\"}").status());
        var narrowAdmin = api.loginForTokens("username=admin&password=secretadmin&scope=me").getString("access_token");
        assertEquals(403, api.getWithToken("admin/clients", narrowAdmin).status());
        assertEquals(401, api.get("admin/clients").status());
    }

    @Test
    void introspectionDescribesAClientsTokenWithoutAUsername() {
        var introspected = introspect(tokenOf(DEMO, DEMO_SECRET));
        assertTrue(introspected.getBoolean("active"), introspected.toString());
        assertEquals(DEMO, introspected.getString("sub"));
        assertEquals(DEMO, introspected.getString("client_id"));
        assertFalse(introspected.containsKey("username"));
    }

    @Test
    void aClientRevokesItsOwnToken() {
        var token = tokenOf(DEMO, DEMO_SECRET);
        var revoked = api.postForm("revoke", "token=" + URLEncoder.encode(token, StandardCharsets.UTF_8),
                "Authorization", Api.basic(DEMO, DEMO_SECRET));
        assertEquals(200, revoked.status(), revoked.body());
        assertEquals(401, call(token, "translator").status());
    }

    JsonObject introspect(String token) {
        var reply = api.postForm("introspect", "token=" + URLEncoder.encode(token, StandardCharsets.UTF_8),
                "Authorization", Api.basic(DEMO, DEMO_SECRET));
        assertEquals(200, reply.status(), reply.body());
        return reply.json();
    }
}
