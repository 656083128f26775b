package torii.users.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import torii.testing.BlackBox;

/**
 * A change that should end a user's tokens ends every one of them on its next request, access tokens included: a new
 * password, a reset, a disable, a deletion; and a group taken away ends what it granted at once.
 */
class ChangesEndTokensIT extends BlackBox {

    String admin;
    String username;
    String password;

    @BeforeEach
    void newUser() {
        admin = api.login("admin", "secretadmin");
        username = "changes-" + UUID.randomUUID().toString().substring(0, 8);
        password = "password-" + username;
        create("[\"user\"]");
    }

    void create(String roles) {
        var reply = api.json("POST", "admin/users", admin, "{\"username\":\"" + username + "\",\"password\":\""
                + password + "\",\"roles\":" + roles + "}");
        assertEquals(201, reply.status(), reply.body());
    }

    JsonObject login() {
        return api.loginForTokens("username=" + username + "&password=" + password + "&client_id=chat");
    }

    int me(JsonObject tokens) {
        return api.getWithToken("users/me", tokens.getString("access_token")).status();
    }

    int refresh(JsonObject tokens) {
        return api.postForm("token", "grant_type=refresh_token&client_id=chat&refresh_token="
                + tokens.getString("refresh_token")).status();
    }

    @Test
    void ownNewPasswordEndsEveryTokenOfTheUserTheOneThatAskedIncluded() {
        var asking = login();
        var other = login();
        var changed = api.json("PUT", "users/me/password", asking.getString("access_token"),
                "{\"current_password\":\"" + password + "\",\"new_password\":\"another-" + password + "\"}");
        assertEquals(204, changed.status(), changed.body());
        assertEquals(401, me(asking));
        assertEquals(401, me(other));
        assertEquals(400, refresh(other));
        password = "another-" + password;
        assertEquals(200, me(login()));
    }

    @Test
    void passwordResetByAnAdministratorEndsEveryToken() {
        var tokens = login();
        assertEquals(204, api.json("PUT", "admin/users/" + username + "/password", admin,
                "{\"password\":\"reset-" + password + "\"}").status());
        assertEquals(401, me(tokens));
        assertEquals(400, refresh(tokens));
    }

    @Test
    void tokensFromBeforeADisableStayDeadAfterTheUserIsEnabledAgain() {
        var tokens = login();
        assertEquals(200, api.json("POST", "admin/users/" + username + "/disable", admin, null).status());
        assertEquals(200, api.json("POST", "admin/users/" + username + "/enable", admin, null).status());
        assertEquals(401, me(tokens));
        assertEquals(400, refresh(tokens));
        assertEquals(200, me(login()));
    }

    @Test
    void aUserMadeAgainUnderTheSameNameGetsNoneOfTheOldTokens() {
        var tokens = login();
        assertEquals(204, api.json("DELETE", "admin/users/" + username, admin, null).status());
        create("[\"user\"]");
        assertEquals(401, me(tokens));
        assertEquals(400, refresh(tokens));
        assertEquals(200, me(login()));
    }

    @Test
    void aGroupTakenAwayEndsWhatItGrantedAtOnce() {
        var group = "team-" + UUID.randomUUID().toString().substring(0, 8);
        var app = "echo-" + UUID.randomUUID().toString().substring(0, 8);
        assertEquals(201, api.json("POST", "admin/apps", admin, "{\"id\":\"" + app
                + "\",\"name\":\"Echo\",\"backend\":\"echo\"}").status());
        assertEquals(201, api.json("POST", "admin/apps/" + app + "/grants", admin, "{\"group\":\"" + group + "\"}")
                .status());
        assertEquals(200, api.json("PUT", "admin/users/" + username + "/roles", admin,
                "{\"roles\":[\"user\",\"" + group + "\"]}").status());
        var token = login().getString("access_token");
        var chat = "{\"model\":\"" + app + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        assertEquals(200, api.json("POST", "v1/chat/completions", token, chat).status());
        assertTrue(api.getWithToken("users/me/apps", token).body().contains(app));
        assertEquals(200, api.json("PUT", "admin/users/" + username + "/roles", admin, "{\"roles\":[\"user\"]}")
                .status());
        assertEquals(403, api.json("POST", "v1/chat/completions", token, chat).status());
        assertFalse(api.getWithToken("users/me/apps", token).body().contains(app));
        assertFalse(api.getWithToken("v1/models", token).body().contains(app));
    }
}
