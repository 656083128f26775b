package torii.tokens.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jwt.SignedJWT;
import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import torii.testing.Api;
import torii.testing.BlackBox;

/** A user's login sessions as administrators list and end them, and what an ended session leaves working: nothing. */
class SessionsAdminIT extends BlackBox {

    String admin;
    String name;

    @BeforeEach
    void createUser() {
        admin = api.login("admin", "secretadmin");
        name = "s" + UUID.randomUUID().toString().substring(0, 8);
        var reply = api.json("POST", "admin/users", admin, "{\"username\":\"" + name
                + "\",\"password\":\"correct horse\"}");
        assertEquals(201, reply.status(), reply.body());
    }

    JsonObject logIn() {
        return api.loginForTokens("username=" + name + "&password=correct%20horse&client_id=chat");
    }

    static String sessionOf(JsonObject tokens) throws Exception {
        return SignedJWT.parse(tokens.getString("access_token")).getJWTClaimsSet().getStringClaim("sid");
    }

    Api.Reply delete(String path, String token) {
        return api.send(api.request(path).header("Authorization", "Bearer " + token).DELETE());
    }

    int refresh(JsonObject tokens) {
        return api.postForm("token", "grant_type=refresh_token&client_id=chat&refresh_token="
                + tokens.getString("refresh_token")).status();
    }

    @Test
    void listedNewestFirstAndEndingOneEndsItsTokensOnly() throws Exception {
        var first = logIn();
        var second = logIn();
        var listed = api.getWithToken("admin/users/" + name + "/sessions", admin);
        assertEquals(200, listed.status(), listed.body());
        assertEquals(2, listed.array().size());
        assertEquals(sessionOf(second), listed.array().getJsonObject(0).getString("id"));
        assertEquals("chat", listed.array().getJsonObject(0).getString("client_id"));
        assertEquals(204, delete("admin/users/" + name + "/sessions/" + sessionOf(first), admin).status());
        assertEquals(401, api.getWithToken("users/me", first.getString("access_token")).status());
        assertEquals(400, refresh(first));
        assertEquals(200, api.getWithToken("users/me", second.getString("access_token")).status());
        assertEquals(1, api.getWithToken("admin/users/" + name + "/sessions", admin).array().size());
        var audited = api.getWithToken("admin/audit?action=session_end&username=" + name, admin).array();
        assertEquals(1, audited.size(), audited.toString());
        assertEquals("admin", audited.getJsonObject(0).getString("actor"));
    }

    @Test
    void endingAllSessionsEndsEveryTokenOfTheUser() {
        var first = logIn();
        var second = logIn();
        assertEquals(204, delete("admin/users/" + name + "/sessions", admin).status());
        for (var tokens : new JsonObject[] {first, second}) {
            assertEquals(401, api.getWithToken("users/me", tokens.getString("access_token")).status());
            assertEquals(400, refresh(tokens));
        }
        assertEquals(0, api.getWithToken("admin/users/" + name + "/sessions", admin).array().size());
        assertEquals(200, api.getWithToken("users/me", logIn().getString("access_token")).status(),
                "a new login works");
    }

    @Test
    void aSessionIsEndedOnlyThroughItsOwnUser() throws Exception {
        var tokens = logIn();
        assertEquals(404, delete("admin/users/johndoe/sessions/" + sessionOf(tokens), admin).status());
        assertEquals(404, delete("admin/users/" + name + "/sessions/no-such-session", admin).status());
        assertEquals(200, api.getWithToken("users/me", tokens.getString("access_token")).status());
    }

    @Test
    void onlyAdministratorsSeeSessionsAndAnUnknownUserHasNone() {
        var own = logIn().getString("access_token");
        assertEquals(403, api.getWithToken("admin/users/" + name + "/sessions", own).status());
        assertEquals(403, delete("admin/users/" + name + "/sessions", own).status());
        assertEquals(401, api.send(api.request("admin/users/" + name + "/sessions").GET()).status());
        var unknown = api.getWithToken("admin/users/nobody-" + name + "/sessions", admin);
        assertEquals(404, unknown.status());
        assertEquals("User not found", unknown.json().getString("detail"));
    }
}
