package torii.apikeys.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import torii.testing.BlackBox;

/**
 * API keys: made by their users, accepted at /v1 only, narrowed to their applications, and ended by every change that
 * should end them.
 */
class ApiKeysIT extends BlackBox {

    String admin;
    String username;
    String user;
    String first;
    String second;

    @BeforeEach
    void setUp() {
        admin = api.login("admin", "secretadmin");
        first = app();
        second = app();
        username = "keys-" + UUID.randomUUID().toString().substring(0, 8);
        assertEquals(201, api.json("POST", "admin/users", admin, "{\"username\":\"" + username
                + "\",\"password\":\"password-" + username + "\"}").status());
        grant(first, username);
        grant(second, username);
        user = api.login(username, "password-" + username);
    }

    String app() {
        var id = "echo-" + UUID.randomUUID().toString().substring(0, 8);
        assertEquals(201, api.json("POST", "admin/apps", admin, "{\"id\":\"" + id + "\",\"name\":\"Echo\",\"backend\":"
                + "\"echo\"}").status());
        return id;
    }

    void grant(String app, String to) {
        assertEquals(201, api.json("POST", "admin/apps/" + app + "/grants", admin, "{\"user\":\"" + to + "\"}").status());
    }

    JsonObject create(String body) {
        var reply = api.json("POST", "users/me/api-keys", user, body);
        assertEquals(201, reply.status(), reply.body());
        assertEquals("no-store", reply.header("Cache-Control"));
        return reply.json();
    }

    int call(String key, String app) {
        return api.json("POST", "v1/chat/completions", key,
                "{\"model\":\"" + app + "\",\"messages\":[{\"role\":\"user\",\"content\":\"from a script\"}]}").status();
    }

    @Test
    void aKeyIsShownOnceWithItsPrefixAndListedWithoutIt() {
        var made = create("{\"name\":\"laptop script\",\"expires_in_days\":90}");
        var key = made.getString("key");
        assertTrue(key.matches("torii_[A-Za-z0-9_-]{43}"), key);
        assertEquals("laptop script", made.getString("name"));
        var created = Instant.parse(made.getString("created_at"));
        assertEquals(Duration.ofDays(90), Duration.between(created, Instant.parse(made.getString("expires_at"))));
        assertTrue(made.isNull("apps"), "no applications named: all of the user's");

        var listed = api.getWithToken("users/me/api-keys", user);
        assertEquals(200, listed.status());
        assertFalse(listed.body().contains(key));
        var entry = listed.array().getJsonObject(0);
        assertEquals(made.getString("id"), entry.getString("id"));
        assertTrue(entry.isNull("last_used_at"));

        assertEquals(200, call(key, first));
        var used = api.getWithToken("users/me/api-keys", user).array().getJsonObject(0);
        assertFalse(used.isNull("last_used_at"), used.toString());
    }

    @Test
    void aKeyWithoutAnExpiryGetsTheLongestLife() {
        var made = create("{\"name\":\"long\"}");
        assertEquals(Duration.ofDays(365), Duration.between(Instant.parse(made.getString("created_at")),
                Instant.parse(made.getString("expires_at"))));
        var tooLong = api.json("POST", "users/me/api-keys", user, "{\"name\":\"x\",\"expires_in_days\":366}");
        assertEquals(400, tooLong.status());
        assertTrue(tooLong.json().getString("detail").startsWith("expires_in_days"), tooLong.body());
    }

    @Test
    void aKeyIsAcceptedAtV1OnlyAsTheWholeOfItsUsersApplications() {
        var key = create("{\"name\":\"all\"}").getString("key");
        assertEquals(200, call(key, first));
        assertEquals(200, call(key, second));
        assertEquals(200, api.getWithToken("v1/models", key).status());
        for (var path : List.of("users/me", "users/me/items", "users/me/api-keys", "users/me/apps", "admin/users",
                "v1/../users/me", "v1/%2e%2e/users/me")) {
            var reply = api.getWithToken(path, key);
            assertTrue(reply.status() == 401 || reply.status() == 400 || reply.status() == 404,
                    path + ": " + reply.status() + " " + reply.body());
            assertFalse(reply.body().contains(username), path + " told who the key is: " + reply.body());
        }
        var createWithKey = api.json("POST", "users/me/api-keys", key, "{\"name\":\"more\"}");
        assertEquals(401, createWithKey.status(), "a key cannot make keys");
    }

    @Test
    void aKeyNamingApplicationsReachesOnlyThose() {
        var key = create("{\"name\":\"one\",\"apps\":[\"" + first + "\"]}").getString("key");
        assertEquals(200, call(key, first));
        assertEquals(403, call(key, second));
        var models = api.getWithToken("v1/models", key).json().getJsonArray("data");
        assertEquals(1, models.size());
        assertEquals(first, models.getJsonObject(0).getString("id"));
    }

    @Test
    void aKeyMayNameOnlyTheUsersApplications() {
        var reply = api.json("POST", "users/me/api-keys", user, "{\"name\":\"x\",\"apps\":[\"summarizer\"]}");
        assertEquals(400, reply.status(), reply.body());
        assertTrue(reply.json().getString("detail").startsWith("apps"), reply.body());
        for (var bad : List.of("{\"name\":\"\"}", "{}", "{\"name\":\"x\",\"apps\":[]}", "{\"name\":\"x\",\"apps\":[\"Bad Id\"]}",
                "{\"name\":\"x\",\"expires_in_days\":0}", "{\"name\":\"" + "n".repeat(65) + "\"}",
                "{\"name\":\"tab\\there\"}", "{\"name\":\"x\",\"apps\":\"" + first + "\"}")) {
            var refused = api.json("POST", "users/me/api-keys", user, bad);
            assertEquals(400, refused.status(), bad + ": " + refused.body());
        }
        assertEquals(0, api.getWithToken("users/me/api-keys", user).array().size());
    }

    @Test
    void aKeyStopsWhenItsGrantGoesAndFollowsANewOne() {
        var all = create("{\"name\":\"all\"}").getString("key");
        var named = create("{\"name\":\"named\",\"apps\":[\"" + first + "\"]}").getString("key");
        assertEquals(200, call(all, first));
        assertEquals(200, call(named, first));
        assertEquals(204, api.json("DELETE", "admin/apps/" + first + "/grants/users/" + username, admin, null).status());
        assertEquals(403, call(all, first));
        assertEquals(403, call(named, first));
        var third = app();
        grant(third, username);
        assertEquals(200, call(all, third), "a key naming no application follows the user's");
        assertEquals(403, call(named, third));
    }

    @Test
    void aDeletedKeyStopsAtOnceAndAnotherUsersKeyCannotBeDeleted() {
        var made = create("{\"name\":\"gone\"}");
        var key = made.getString("key");
        assertEquals(200, call(key, first));
        var johndoe = api.login("johndoe", "secret");
        assertEquals(404, api.json("DELETE", "users/me/api-keys/" + made.getString("id"), johndoe, null).status());
        assertEquals(200, call(key, first));
        assertEquals(204, api.json("DELETE", "users/me/api-keys/" + made.getString("id"), user, null).status());
        assertEquals(401, call(key, first));
        assertEquals(404, api.json("DELETE", "users/me/api-keys/" + made.getString("id"), user, null).status());
    }

    @Test
    void aKeyStopsWhenItsUserIsDisabledOrDeletedButOutlivesANewPassword() {
        var key = create("{\"name\":\"user\"}").getString("key");
        assertEquals(204, api.json("PUT", "admin/users/" + username + "/password", admin,
                "{\"password\":\"another-password-" + username + "\"}").status());
        assertEquals(200, call(key, first), "a key is not a session: a new password leaves it working");
        assertEquals(200, api.json("POST", "admin/users/" + username + "/disable", admin, null).status());
        assertEquals(400, call(key, first), "an inactive user");
        assertEquals(200, api.json("POST", "admin/users/" + username + "/enable", admin, null).status());
        assertEquals(200, call(key, first));
        assertEquals(204, api.json("DELETE", "admin/users/" + username, admin, null).status());
        assertEquals(401, call(key, first));
    }

    @Test
    void madeUpAndMalformedKeysAreRefusedAlike() {
        var made = create("{\"name\":\"real\"}").getString("key");
        var forged = "torii_" + "A".repeat(43);
        var truncated = made.substring(0, made.length() - 1);
        for (var key : List.of(forged, truncated, made + "x", "torii_", "torii_\u00e9")) {
            var reply = api.json("POST", "v1/chat/completions", key,
                    "{\"model\":\"" + first + "\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
            assertEquals(401, reply.status(), key + ": " + reply.body());
        }
    }

    @Test
    void administratorsListAndDeleteAnyonesKeysAndOthersMayNot() {
        var made = create("{\"name\":\"audited\"}");
        var page = api.getWithToken("admin/api-keys?username=" + username, admin);
        assertEquals(200, page.status(), page.body());
        assertEquals(1, page.json().getInt("total"));
        var listed = page.json().getJsonArray("keys").getJsonObject(0);
        assertEquals(username, listed.getString("username"));
        assertFalse(page.body().contains(made.getString("key")));
        assertEquals(403, api.getWithToken("admin/api-keys", user).status());
        var narrowAdmin = api.loginForTokens("username=admin&password=secretadmin&scope=me").getString("access_token");
        assertEquals(403, api.json("DELETE", "admin/api-keys/" + made.getString("id"), narrowAdmin, null).status());
        assertEquals(204, api.json("DELETE", "admin/api-keys/" + made.getString("id"), admin, null).status());
        assertEquals(401, call(made.getString("key"), first));
        assertEquals(404, api.json("DELETE", "admin/api-keys/" + made.getString("id"), admin, null).status());
    }

    @Test
    void aUserHoldsABoundedNumberOfKeys() {
        for (var i = 0; i < 25; i++) {
            create("{\"name\":\"key " + i + "\",\"expires_in_days\":1}");
        }
        var over = api.json("POST", "users/me/api-keys", user, "{\"name\":\"one too many\"}");
        assertEquals(409, over.status(), over.body());
        assertEquals(25, api.getWithToken("users/me/api-keys", user).array().size());
    }

    @Test
    void aKeysCallsCountAsItsUsersUsage() {
        var key = create("{\"name\":\"metered\"}").getString("key");
        assertEquals(200, call(key, first));
        var usage = api.getWithToken("users/me/usage", user);
        assertEquals(200, usage.status(), usage.body());
        assertEquals(first, usage.array().getJsonObject(0).getString("app"), usage.body());
    }
}
