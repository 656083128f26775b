package torii.security.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jwt.SignedJWT;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import torii.testing.BlackBox;

/** Scopes: what /token grants, and what each endpoint demands of the token. */
class ScopesIT extends BlackBox {

    String token(String username, String password, String scope) {
        var reply = api.postForm("token", "username=" + username + "&password=" + password
                + (scope == null ? "" : "&scope=" + scope.replace(" ", "+")));
        assertEquals(200, reply.status(), reply.body());
        return reply.json().getString("access_token");
    }

    @ParameterizedTest(name = "{0} with {1}")
    @CsvSource({
            "users/me, me, items",
            "users/me/items, me items, me",
            "users/me/apps, me, items",
            "users/me/apps/translator, app:translator, me items",
            "admin/users, admin, me items",
            "admin/apps, admin, me items"})
    void endpointAnswersItsScopeRefusesOthersAndAsksForAToken(String path, String needed, String other) {
        var username = path.startsWith("admin") ? "admin" : "johndoe";
        var password = path.startsWith("admin") ? "secretadmin" : "secret";
        assertEquals(200, api.getWithToken(path, token(username, password, needed)).status());
        var refused = api.getWithToken(path, token(username, password, other));
        assertEquals(403, refused.status());
        assertEquals("Not enough permissions", refused.json().getString("detail"));
        var sorted = String.join(" ", new java.util.TreeSet<>(java.util.List.of(needed.split(" "))));
        assertEquals("Bearer error=\"insufficient_scope\", scope=\"" + sorted + "\"",
                refused.header("WWW-Authenticate"));
        assertEquals(401, api.get(path).status());
    }

    /** Every operation of administrators asks for the scope as well as the role. */
    @ParameterizedTest
    @CsvSource({"GET, admin/users", "GET, admin/apps", "GET, admin/audit", "GET, admin/usage",
            "POST, admin/keys/rotate", "POST, admin/users/johndoe/disable"})
    void administratorsTokenWithoutTheAdminScopeAdministersNothing(String method, String path) {
        var withoutScope = token("admin", "secretadmin", "me items");
        var reply = api.json(method, path, withoutScope, null);
        assertEquals(403, reply.status(), method + " " + path + ": " + reply.body());
        assertTrue(reply.header("WWW-Authenticate").contains("insufficient_scope"), reply.header("WWW-Authenticate"));
    }

    /**
     * A user granted a hundred applications gets them all in one token; one granted so many that the token would
     * not fit in a request header is told to ask for fewer, and may.
     */
    @Test
    void manyApplicationsFitTheTokenOrAreRefusedAsAScopeToAskForLess() {
        var admin = token("admin", "secretadmin", "admin");
        var tag = UUID.randomUUID().toString().substring(0, 8);
        var username = "many-" + tag;
        assertEquals(201, api.json("POST", "admin/users", admin, "{\"username\":\"" + username
                + "\",\"password\":\"password-" + username + "\"}").status());
        var apps = new java.util.ArrayList<String>();
        try {
            for (int i = 0; i < 200; i++) {
                var id = "many-" + tag + "-application-" + String.format("%03d", i);
                apps.add(id);
                assertEquals(201, api.json("POST", "admin/apps", admin, "{\"id\":\"" + id
                        + "\",\"name\":\"Many\",\"backend\":\"echo\"}").status());
                assertEquals(201, api.json("POST", "admin/apps/" + id + "/grants", admin,
                        "{\"user\":\"" + username + "\"}").status());
                if (i == 99) {
                    var hundred = token(username, "password-" + username, null);
                    assertEquals(200, api.getWithToken("users/me/items", hundred).status());
                    assertEquals(100, api.getWithToken("users/me/apps", hundred).array().size());
                }
            }
            var refused = api.postForm("token", "username=" + username + "&password=password-" + username);
            assertEquals(400, refused.status(), refused.body());
            assertEquals("invalid_scope", refused.json().getString("error"));
            assertEquals(200, api.getWithToken("users/me", token(username, "password-" + username, "me")).status());
        } finally {
            apps.forEach(id -> api.json("DELETE", "admin/apps/" + id, admin, null));
            api.json("DELETE", "admin/users/" + username, admin, null);
        }
    }

    @Test
    void noScopeAskedGrantsAllTheUserMayHave() throws Exception {
        var reply = api.postForm("token", "username=johndoe&password=secret");
        assertEquals("app:translator items me", reply.json().getString("scope"));
        var claims = SignedJWT.parse(reply.json().getString("access_token")).getJWTClaimsSet();
        assertEquals("app:translator items me", claims.getStringClaim("scope"));
        assertEquals("admin app:summarizer items me",
                api.postForm("token", "username=admin&password=secretadmin").json().getString("scope"));
    }

    @Test
    void grantedScopeIsTheRequestWithinWhatTheUserMayHave() {
        var reply = api.postForm("token", "username=johndoe&password=secret&scope=me+admin+app:summarizer+unknown");
        assertEquals(200, reply.status());
        assertEquals("me", reply.json().getString("scope"));
    }

    @Test
    void askingOnlyForWhatTheUserMayNotHaveIsInvalidScope() {
        var reply = api.postForm("token", "username=johndoe&password=secret&scope=admin");
        assertEquals(400, reply.status());
        assertEquals("invalid_scope", reply.json().getString("error"));
    }

    @Test
    void malformedScopeIsInvalidScope() {
        var reply = api.postForm("token", "username=johndoe&password=secret&scope=me+%22items%22");
        assertEquals(400, reply.status());
        assertEquals("invalid_scope", reply.json().getString("error"));
    }

    @Test
    void revokingAGrantEndsTheUseOfTokensAlreadyIssued() {
        var admin = token("admin", "secretadmin", "admin");
        var id = "scoped-" + UUID.randomUUID().toString().substring(0, 8);
        assertEquals(201, api.json("POST", "admin/apps", admin,
                "{\"id\":\"" + id + "\",\"name\":\"Scoped\",\"backend\":\"echo\"}").status());
        assertEquals(201, api.json("POST", "admin/apps/" + id + "/grants", admin, "{\"user\":\"johndoe\"}").status());
        var johndoe = token("johndoe", "secret", "me app:" + id);
        assertEquals(200, api.getWithToken("users/me/apps/" + id, johndoe).status());
        assertEquals(204, api.json("DELETE", "admin/apps/" + id + "/grants/users/johndoe", admin, null).status());
        var refused = api.getWithToken("users/me/apps/" + id, johndoe);
        assertEquals(403, refused.status());
        assertTrue(refused.header("WWW-Authenticate").contains("scope=\"app:" + id + "\""));
        assertTrue(api.getWithToken("users/me/apps", johndoe).array().stream()
                .noneMatch(app -> app.asJsonObject().getString("id").equals(id)));
    }

    @Test
    void anotherUsersApplicationIsRefusedEvenWhenItsScopeIsAskedFor() {
        var johndoe = token("johndoe", "secret", "me app:summarizer");
        assertEquals(403, api.getWithToken("users/me/apps/summarizer", johndoe).status());
    }

    @Test
    void openApiDocumentListsTheScopesAndWhatEachOperationNeeds() {
        var document = api.get("openapi", "Accept", "application/json").json();
        var scopes = document.getJsonObject("components").getJsonObject("securitySchemes")
                .getJsonObject("OAuth2PasswordBearer").getJsonObject("flows").getJsonObject("password")
                .getJsonObject("scopes");
        assertTrue(scopes.keySet().containsAll(java.util.Set.of("me", "items", "admin")), scopes.toString());
        var items = document.getJsonObject("paths").getJsonObject("/users/me/items").getJsonObject("get")
                .getJsonArray("security").getJsonObject(0).getJsonArray("OAuth2PasswordBearer");
        assertEquals("[\"me\",\"items\"]", items.toString());
    }
}
