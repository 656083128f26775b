package torii.users.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import torii.testing.BlackBox;

/** The admin API for users: every operation, its errors, and the rule that one administrator always stays. */
class UsersAdminIT extends BlackBox {

    String admin;
    String name;

    @BeforeEach
    void login() {
        admin = api.login("admin", "secretadmin");
        name = "u" + UUID.randomUUID().toString().substring(0, 8);
    }

    void create(String username, String extra) {
        var reply = api.json("POST", "admin/users", admin, "{\"username\":\"" + username
                + "\",\"password\":\"correct horse\",\"email\":\"" + username + "@example.com\"" + extra + "}");
        assertEquals(201, reply.status(), reply.body());
    }

    int login(String username, String password) {
        return api.postForm("token", "username=" + username + "&password=" + password).status();
    }

    @Test
    void createdUserCanLogInAndIsReadable() {
        create(name, ",\"full_name\":\"New Person\"");
        assertEquals(200, login(name, "correct horse"));
        var read = api.getWithToken("admin/users/" + name, admin).json();
        assertEquals("New Person", read.getString("full_name"));
        assertEquals("[\"user\"]", read.getJsonArray("roles").toString());
        assertTrue(!read.containsKey("password") && !read.containsKey("password_hash"));
    }

    @Test
    void duplicateUserIsAConflictAndKeepsTheFirst() {
        create(name, "");
        var again = api.json("POST", "admin/users", admin,
                "{\"username\":\"" + name + "\",\"password\":\"another one\"}");
        assertEquals(409, again.status());
        assertEquals(200, login(name, "correct horse"));
    }

    @Test
    void invalidUsersNameTheField() {
        var cases = List.of(
                "{\"username\":\"has space\",\"password\":\"correct horse\"}", "username",
                "{\"username\":\"" + name + "\",\"password\":\"correct horse\",\"email\":\"not-an-email\"}", "email",
                "{\"username\":\"" + name + "\",\"password\":\"correct horse\",\"roles\":[\"Bad Role\"]}", "roles",
                "{\"username\":\"" + name + "\"}", "password",
                "{\"password\":\"correct horse\"}", "username");
        for (var i = 0; i < cases.size(); i += 2) {
            var reply = api.json("POST", "admin/users", admin, cases.get(i));
            assertEquals(400, reply.status(), cases.get(i));
            assertTrue(reply.json().getString("detail").startsWith(cases.get(i + 1)), reply.body());
        }
        assertEquals(404, api.getWithToken("admin/users/" + name, admin).status());
    }

    /** One JSON object per body, each field of its type, no field unknown; the password stays what it was. */
    @ParameterizedTest
    @ValueSource(strings = {"{\"password\":\"another horse\"}xyz", "[{\"password\":\"another horse\"}]",
            "{\"password\":\"another horse\"}{\"password\":\"third horse\"}", "{\"password\":12345678901}",
            "{\"password\":[\"another horse\"]}", "{\"password\":\"another horse\",\"pasword\":\"x\"}",
            "{\"password\":true}", "\"another horse\""})
    void bodyThatIsNotOneObjectOfTheRightFieldsIsRefused(String body) {
        create(name, "");
        var reply = api.json("PUT", "admin/users/" + name + "/password", admin, body);
        assertEquals(400, reply.status(), body + ": " + reply.body());
        assertEquals("invalid_request", reply.json().getString("error"));
        assertEquals(200, login(name, "correct horse"));
    }

    @Test
    void rolesOfTheWrongTypeAreRefusedNamingTheField() {
        var reply = api.json("POST", "admin/users", admin, "{\"username\":\"" + name
                + "\",\"password\":\"correct horse\",\"roles\":\"admin\"}");
        assertEquals(400, reply.status(), reply.body());
        assertEquals("roles: must be an array of strings", reply.json().getString("detail"));
        assertEquals(404, api.getWithToken("admin/users/" + name, admin).status());
    }

    @Test
    void searchPagesThroughMatchesByUsername() {
        for (var suffix : List.of("a", "b", "c")) {
            create(name + suffix, "");
        }
        var first = api.getWithToken("admin/users?q=" + name.toUpperCase() + "&size=2", admin).json();
        assertEquals(3, first.getInt("total"));
        assertEquals(List.of(name + "a", name + "b"),
                first.getJsonArray("users").stream().map(u -> u.asJsonObject().getString("username")).toList());
        var rest = api.getWithToken("admin/users?q=" + name + "&page=1&size=2", admin).json();
        assertEquals(name + "c", rest.getJsonArray("users").getJsonObject(0).getString("username"));
        assertEquals(0, api.getWithToken("admin/users?q=%25_" + name, admin).json().getInt("total"),
                "% and _ are matched as text, not as wildcards");
        for (var malformed : List.of("size=0", "size=501", "page=-1", "page=abc", "page=1&page=2")) {
            var reply = api.getWithToken("admin/users?" + malformed, admin);
            assertEquals(400, reply.status(), malformed);
            assertEquals("invalid_request", reply.json().getString("error"), malformed);
        }
    }

    @Test
    void updateChangesNameAndEmail() {
        create(name, "");
        var updated = api.json("PUT", "admin/users/" + name, admin,
                "{\"email\":\"new@example.com\",\"full_name\":\"Renamed\"}");
        assertEquals(200, updated.status(), updated.body());
        assertEquals("new@example.com", api.getWithToken("admin/users/" + name, admin).json().getString("email"));
        assertEquals(400, api.json("PUT", "admin/users/" + name, admin, "{\"email\":\"nope\"}").status());
    }

    @Test
    void disabledUserCannotLogInUntilEnabled() {
        create(name, "");
        assertEquals(200, api.json("POST", "admin/users/" + name + "/disable", admin, null).status());
        assertEquals(400, login(name, "correct horse"));
        assertEquals(200, api.json("POST", "admin/users/" + name + "/enable", admin, null).status());
        assertEquals(200, login(name, "correct horse"));
    }

    @Test
    void resetPasswordReplacesTheOldOne() {
        create(name, "");
        assertEquals(204, api.json("PUT", "admin/users/" + name + "/password", admin,
                "{\"password\":\"battery staple\"}").status());
        assertEquals(400, login(name, "correct horse"));
        assertEquals(200, login(name, "battery staple"));
    }

    @Test
    void rolesDecideWhoAdministers() {
        create(name, "");
        var token = api.login(name, "correct horse");
        assertEquals(403, api.getWithToken("admin/users", token).status());
        var assigned = api.json("PUT", "admin/users/" + name + "/roles", admin, "{\"roles\":[\"user\",\"admin\"]}");
        assertEquals("[\"admin\",\"user\"]", assigned.json().getJsonArray("roles").toString());
        var promoted = api.login(name, "correct horse");
        assertEquals(200, api.getWithToken("admin/users", promoted).status());
        api.json("PUT", "admin/users/" + name + "/roles", admin, "{\"roles\":[\"user\"]}");
        assertEquals(403, api.getWithToken("admin/users", promoted).status(), "a role taken away ends at once");
    }

    @Test
    void deletedUserIsGoneWithItsGrants() {
        create(name, "");
        api.json("POST", "admin/apps/translator/grants", admin, "{\"user\":\"" + name + "\"}");
        var token = api.login(name, "correct horse");
        assertEquals(204, api.json("DELETE", "admin/users/" + name, admin, null).status());
        assertEquals(404, api.getWithToken("admin/users/" + name, admin).status());
        assertEquals(401, api.getWithToken("users/me", token).status());
        create(name, "");
        assertEquals("[]", api.getWithToken("users/me/apps", api.login(name, "correct horse")).body());
    }

    @Test
    void unknownUsersAreNotFound() {
        for (var call : List.of(
                api.getWithToken("admin/users/" + name, admin),
                api.json("PUT", "admin/users/" + name, admin, "{\"email\":\"a@example.com\"}"),
                api.json("DELETE", "admin/users/" + name, admin, null),
                api.json("POST", "admin/users/" + name + "/disable", admin, null),
                api.json("PUT", "admin/users/" + name + "/password", admin, "{\"password\":\"battery staple\"}"),
                api.json("PUT", "admin/users/" + name + "/roles", admin, "{\"roles\":[\"user\"]}"))) {
            assertEquals(404, call.status(), call.body());
            assertEquals("User not found", call.json().getString("detail"));
        }
    }

    /** Takes the admin role from every administrator but admin, page by page: other tests make administrators too. */
    void leaveOnlyAdmin() {
        for (int page = 0; ; page++) {
            var users = api.getWithToken("admin/users?size=500&page=" + page, admin).json().getJsonArray("users");
            if (users.isEmpty()) {
                return;
            }
            for (var user : users) {
                var username = user.asJsonObject().getString("username");
                if (!username.equals("admin") && user.asJsonObject().getJsonArray("roles").toString()
                        .contains("\"admin\"")) {
                    assertEquals(200, api.json("PUT", "admin/users/" + username + "/roles", admin,
                            "{\"roles\":[\"user\"]}").status());
                }
            }
        }
    }

    @Test
    void theLastAdministratorStays() {
        leaveOnlyAdmin();
        assertEquals(409, api.json("DELETE", "admin/users/admin", admin, null).status());
        assertEquals(409, api.json("POST", "admin/users/admin/disable", admin, null).status());
        assertEquals(409, api.json("PUT", "admin/users/admin/roles", admin, "{\"roles\":[\"user\"]}").status());
        assertEquals(200, api.getWithToken("admin/users/admin", admin).status());
        assertEquals(200, login("admin", "secretadmin"));
    }

    @Test
    void changesAreAuditedWithWhoMadeThemAndRefusedOnesAreNot() {
        create(name, "");
        api.json("POST", "admin/users/" + name + "/disable", admin, null);
        var events = api.getWithToken("admin/audit?username=" + name, admin).array();
        var disable = events.getJsonObject(0);
        assertEquals("user_disable", disable.getString("action"));
        assertEquals("admin", disable.getString("actor"));
        assertEquals("127.0.0.1", disable.getString("client_address"));
        assertEquals("user_create", events.getJsonObject(1).getString("action"));
        leaveOnlyAdmin();
        assertEquals(409, api.json("DELETE", "admin/users/admin", admin, null).status());
        var adminEvents = api.getWithToken("admin/audit?username=admin&size=5", admin).array();
        assertTrue(adminEvents.stream().noneMatch(e -> e.asJsonObject().getString("action").equals("user_delete")),
                adminEvents.toString());
    }

    @Test
    void onlyAdministratorsManageUsers() {
        var johndoe = api.login("johndoe", "secret");
        assertEquals(403, api.getWithToken("admin/users", johndoe).status());
        assertEquals(403, api.json("DELETE", "admin/users/admin", johndoe, null).status());
        assertEquals(401, api.get("admin/users").status());
    }
}
