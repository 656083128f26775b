package torii.apps.boundary;

import jakarta.json.JsonValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import torii.testing.BlackBox;

/** The application registry and its grants, through the admin API and the users' own list. */
class AppsIT extends BlackBox {

    String admin;
    String johndoe;
    String id;

    @BeforeEach
    void login() {
        admin = api.login("admin", "secretadmin");
        johndoe = api.login("johndoe", "secret");
        id = "app-" + UUID.randomUUID().toString().substring(0, 8);
    }

    String create(String id) {
        var reply = api.json("POST", "admin/apps", admin,
                "{\"id\":\"" + id + "\",\"name\":\"Test app\",\"description\":\"For tests\",\"backend\":\"echo\"}");
        assertEquals(201, reply.status(), reply.body());
        return id;
    }

    List<String> appsOf(String token) {
        var reply = api.getWithToken("users/me/apps", token);
        assertEquals(200, reply.status(), reply.body());
        return reply.array().stream().map(app -> app.asJsonObject().getString("id")).toList();
    }

    @Test
    void demoUsersSeeDifferentApplications() {
        assertEquals(List.of("translator"), appsOf(johndoe));
        assertEquals(List.of("summarizer"), appsOf(admin));
    }

    @Test
    void aUsersApplicationsAreListedWithTheGrantThatGivesEach() {
        create(id);
        var group = "g" + id.substring(4);
        var username = "u" + id.substring(4);
        assertEquals(201, api.json("POST", "admin/users", admin, "{\"username\":\"" + username
                + "\",\"password\":\"correct horse\",\"roles\":[\"user\",\"" + group + "\"]}").status());
        assertEquals(201, api.json("POST", "admin/apps/" + id + "/grants", admin, "{\"group\":\"" + group + "\"}")
                .status());
        assertEquals(201, api.json("POST", "admin/apps/translator/grants", admin, "{\"user\":\"" + username + "\"}")
                .status());
        var held = api.getWithToken("admin/users/" + username + "/apps", admin);
        assertEquals(200, held.status(), held.body());
        assertEquals(List.of(id + " Test app group:" + group, "translator Translator user"), held.array().stream()
                .map(JsonValue::asJsonObject).map(app -> app.getString("app") + " " + app.getString("name") + " "
                        + app.getString("via")).toList());
        assertEquals(403, api.getWithToken("admin/users/" + username + "/apps", johndoe).status());
        assertEquals(404, api.getWithToken("admin/users/nobody-" + username + "/apps", admin).status());
    }

    @Test
    void createdApplicationIsReadableAndListedWithoutAKey() {
        create(id);
        var read = api.getWithToken("admin/apps/" + id, admin);
        assertEquals(200, read.status());
        assertEquals("Test app", read.json().getString("name"));
        assertEquals("echo", read.json().getString("backend"));
        assertFalse(read.json().getBoolean("api_key_configured"));
        assertTrue(api.getWithToken("admin/apps", admin).array().stream()
                .anyMatch(app -> app.asJsonObject().getString("id").equals(id)));
    }

    @Test
    void duplicateApplicationIsAConflict() {
        create(id);
        var again = api.json("POST", "admin/apps", admin, "{\"id\":\"" + id + "\",\"name\":\"X\",\"backend\":\"echo\"}");
        assertEquals(409, again.status());
        assertEquals("Test app", api.getWithToken("admin/apps/" + id, admin).json().getString("name"));
    }

    @Test
    void invalidApplicationsNameTheField() {
        var cases = List.of(
                "{\"id\":\"Bad Slug\",\"name\":\"X\",\"backend\":\"echo\"}", "id",
                "{\"id\":\"" + id + "\",\"name\":\" \",\"backend\":\"echo\"}", "name",
                "{\"id\":\"" + id + "\",\"name\":\"X\",\"backend\":\"gpt\"}", "backend",
                "{\"id\":\"" + id + "\",\"name\":\"X\",\"backend\":\"openai\",\"base_url\":\"ftp://x\",\"model\":\"m\"}",
                "base_url",
                "{\"id\":\"" + id + "\",\"name\":\"X\",\"backend\":\"openai\"}", "base_url",
                "{\"name\":\"X\",\"backend\":\"echo\"}", "id");
        for (var i = 0; i < cases.size(); i += 2) {
            var reply = api.json("POST", "admin/apps", admin, cases.get(i));
            assertEquals(400, reply.status(), cases.get(i));
            assertTrue(reply.json().getString("detail").startsWith(cases.get(i + 1)), reply.body());
        }
        assertEquals(404, api.getWithToken("admin/apps/" + id, admin).status());
    }

    @Test
    void malformedOrMissingBodyIsABadRequest() {
        assertEquals(400, api.json("POST", "admin/apps", admin, "{\"id\":").status());
        assertEquals(400, api.json("POST", "admin/apps", admin, null).status());
        assertEquals("invalid_request", api.json("POST", "admin/apps", admin, "[1,2]").json().getString("error"));
    }

    @Test
    void updateChangesEverythingButTheId() {
        create(id);
        var updated = api.json("PUT", "admin/apps/" + id, admin,
                "{\"name\":\"Renamed\",\"backend\":\"openai\",\"base_url\":\"https://models.example/v1\",\"model\":\"m\"}");
        assertEquals(200, updated.status(), updated.body());
        assertEquals("openai", updated.json().getString("backend"));
        assertEquals(400, api.json("PUT", "admin/apps/" + id, admin,
                "{\"id\":\"other\",\"name\":\"X\",\"backend\":\"echo\"}").status());
        assertEquals(404, api.json("PUT", "admin/apps/no-such-app", admin, "{\"name\":\"X\",\"backend\":\"echo\"}")
                .status());
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8080/v1", "http://localhost/v1", "http://169.254.169.254/latest",
            "http://10.0.0.1/v1", "http://[::1]:8080/v1", "http://0.0.0.0/v1", "http://[fd00::1]/v1"})
    void upstreamInsideTheNetworkIsRefused(String baseUrl) {
        var form = "{\"id\":\"" + id + "\",\"name\":\"Inside\",\"backend\":\"openai\",\"base_url\":\"" + baseUrl
                + "\",\"model\":\"m\"}";
        var reply = api.json("POST", "admin/apps", admin, form);
        assertEquals(400, reply.status(), reply.body());
        assertTrue(reply.json().getString("detail").startsWith("base_url:"), reply.body());
        assertEquals(404, api.getWithToken("admin/apps/" + id, admin).status());
    }

    @Test
    void grantToUserShowsInTheirListAndRevokingRemovesIt() {
        create(id);
        assertEquals(201, api.json("POST", "admin/apps/" + id + "/grants", admin, "{\"user\":\"johndoe\"}").status());
        assertEquals(409, api.json("POST", "admin/apps/" + id + "/grants", admin, "{\"user\":\"johndoe\"}").status());
        assertTrue(appsOf(johndoe).contains(id));
        var holders = api.getWithToken("admin/apps/" + id + "/grants", admin).array();
        assertEquals("johndoe", holders.getJsonObject(0).getString("user"));
        assertEquals(204, api.json("DELETE", "admin/apps/" + id + "/grants/users/johndoe", admin, null).status());
        assertFalse(appsOf(johndoe).contains(id));
        assertEquals(404, api.json("DELETE", "admin/apps/" + id + "/grants/users/johndoe", admin, null).status());
    }

    @Test
    void grantToGroupReachesItsMembers() {
        create(id);
        assertEquals(201, api.json("POST", "admin/apps/" + id + "/grants", admin, "{\"group\":\"user\"}").status());
        assertTrue(appsOf(johndoe).contains(id));
        assertTrue(appsOf(admin).contains(id));
        assertEquals(204, api.json("DELETE", "admin/apps/" + id + "/grants/groups/user", admin, null).status());
        assertFalse(appsOf(johndoe).contains(id));
    }

    @Test
    void grantsNameExactlyOneKnownGrantee() {
        create(id);
        assertEquals(404, api.json("POST", "admin/apps/" + id + "/grants", admin, "{\"user\":\"nobody-here\"}")
                .status());
        assertEquals(400, api.json("POST", "admin/apps/" + id + "/grants", admin,
                "{\"user\":\"johndoe\",\"group\":\"user\"}").status());
        assertEquals(400, api.json("POST", "admin/apps/" + id + "/grants", admin, "{}").status());
        assertEquals(404, api.json("POST", "admin/apps/no-such-app/grants", admin, "{\"user\":\"johndoe\"}")
                .status());
        assertEquals(0, api.getWithToken("admin/apps/" + id + "/grants", admin).array().size());
    }

    @Test
    void deletingAnApplicationTakesItsGrants() {
        create(id);
        api.json("POST", "admin/apps/" + id + "/grants", admin, "{\"user\":\"johndoe\"}");
        assertEquals(204, api.json("DELETE", "admin/apps/" + id, admin, null).status());
        assertFalse(appsOf(johndoe).contains(id));
        create(id);
        assertFalse(appsOf(johndoe).contains(id), "a new application of the same id inherits no grants");
        assertEquals(404, api.json("DELETE", "admin/apps/no-such-app", admin, null).status());
    }

    @Test
    void onlyAdministratorsManageApplications() {
        assertEquals(403, api.getWithToken("admin/apps", johndoe).status());
        assertEquals(403, api.json("POST", "admin/apps", johndoe,
                "{\"id\":\"" + id + "\",\"name\":\"X\",\"backend\":\"echo\"}").status());
        assertEquals(401, api.get("admin/apps").status());
        assertEquals(401, api.get("users/me/apps").status());
        assertEquals(404, api.getWithToken("admin/apps/" + id, admin).status());
    }
}
