package torii.users.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import torii.testing.BlackBox;

/**
 * A password an administrator sets as temporary: the user may read who they are and choose their own password, and
 * nothing else; choosing it ends the tokens they held and frees the account.
 */
class TemporaryPasswordIT extends BlackBox {

    String admin;
    String name;

    @BeforeEach
    void login() {
        admin = api.login("admin", "secretadmin");
        name = "t" + UUID.randomUUID().toString().substring(0, 8);
    }

    String changeOwn(String token, String current, String chosen) {
        var reply = api.json("PUT", "users/me/password", token, "{\"current_password\":\"" + current
                + "\",\"new_password\":\"" + chosen + "\"}");
        return reply.status() + " " + reply.body();
    }

    void assertOnlyThePasswordChangeIsOpen(String token) {
        assertEquals(200, api.getWithToken("users/me", token).status());
        for (var path : new String[] {"users/me/items", "users/me/apps", "admin/users", "users/me/api-keys"}) {
            var refused = api.getWithToken(path, token);
            assertEquals(403, refused.status(), path + ": " + refused.body());
            assertEquals("password_change_required", refused.json().getString("error"), refused.body());
        }
        var chat = api.json("POST", "v1/chat/completions", token,
                "{\"model\":\"translator\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");
        assertEquals(403, chat.status(), chat.body());
        assertTrue(chat.body().contains("password_change_required"), chat.body());
    }

    @Test
    void aNewUsersTemporaryPasswordOpensNothingButItsChange() {
        var created = api.json("POST", "admin/users", admin, "{\"username\":\"" + name
                + "\",\"password\":\"first horse\",\"password_temporary\":true,\"roles\":[\"user\",\"admin\"]}");
        assertEquals(201, created.status(), created.body());
        assertTrue(created.json().getBoolean("password_change_required"));
        var token = api.login(name, "first%20horse");
        assertOnlyThePasswordChangeIsOpen(token);
        assertTrue(changeOwn(token, "first horse", "chosen horse").startsWith("204"));
        assertEquals(401, api.getWithToken("users/me", token).status(), "the change ends the tokens held before");
        var fresh = api.login(name, "chosen%20horse");
        assertEquals(200, api.getWithToken("users/me/items", fresh).status());
        assertEquals(200, api.getWithToken("admin/users", fresh).status(), "their role is theirs again");
        assertFalse(api.getWithToken("admin/users/" + name, admin).json().getBoolean("password_change_required"));
    }

    @Test
    void aResetAsTemporaryLocksTheAccountUntilTheUserChoosesAgain() {
        var created = api.json("POST", "admin/users", admin, "{\"username\":\"" + name
                + "\",\"password\":\"first horse\"}");
        assertFalse(created.json().getBoolean("password_change_required"));
        var before = api.login(name, "first%20horse");
        var reset = api.json("PUT", "admin/users/" + name + "/password", admin,
                "{\"password\":\"reset horse\",\"temporary\":true}");
        assertEquals(204, reset.status(), reset.body());
        assertEquals(401, api.getWithToken("users/me", before).status());
        var token = api.login(name, "reset%20horse");
        assertOnlyThePasswordChangeIsOpen(token);
        assertTrue(changeOwn(token, "wrong horse", "chosen horse").startsWith("400"));
        var same = changeOwn(token, "reset horse", "reset horse");
        assertTrue(same.startsWith("400") && same.contains("new_password: must differ"), same);
        assertOnlyThePasswordChangeIsOpen(token);
        assertTrue(changeOwn(token, "reset horse", "chosen horse").startsWith("204"));
        assertEquals(200, api.getWithToken("users/me/items", api.login(name, "chosen%20horse")).status());
    }

    @Test
    void aResetThatIsNotTemporaryLeavesTheAccountOpen() {
        api.json("POST", "admin/users", admin, "{\"username\":\"" + name + "\",\"password\":\"first horse\","
                + "\"password_temporary\":true}");
        var reset = api.json("PUT", "admin/users/" + name + "/password", admin, "{\"password\":\"second horse\"}");
        assertEquals(204, reset.status(), reset.body());
        assertEquals(200, api.getWithToken("users/me/items", api.login(name, "second%20horse")).status());
    }
}
