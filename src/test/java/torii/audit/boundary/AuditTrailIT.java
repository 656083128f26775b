package torii.audit.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import torii.testing.BlackBox;

/** GET /admin/audit over HTTP: what failed logins leave behind, who may read it, and how it pages. */
class AuditTrailIT extends BlackBox {

    String failLogins(int count) {
        var username = "audit-" + UUID.randomUUID();
        for (int i = 0; i < count; i++) {
            assertEquals(400, api.postForm("token", "username=" + username + "&password=hunter2-" + i).status());
        }
        return username;
    }

    String admin() {
        return api.login("admin", "secretadmin");
    }

    @Test
    void failedLoginIsRecordedWithTheClientAddressAndNeverThePassword() {
        var username = failLogins(1);
        var reply = api.getWithToken("admin/audit?username=" + username, admin());
        assertEquals(200, reply.status());
        assertEquals(1, reply.array().size());
        assertEquals(1, reply.array().getJsonObject(0).getInt("count"));
        var entry = reply.array().getJsonObject(0);
        assertEquals("login", entry.getString("action"));
        assertEquals(username, entry.getString("username"));
        assertEquals("127.0.0.1", entry.getString("client_address"));
        assertEquals("failure", entry.getString("outcome"));
        assertTrue(Instant.parse(entry.getString("time")).isAfter(Instant.now().minusSeconds(60)));
        assertFalse(reply.body().contains("hunter2"), reply.body());
    }

    @Test
    void successfulLoginIsRecorded() {
        var token = admin();
        var newest = api.getWithToken("admin/audit?username=admin&size=1", token).array().getJsonObject(0);
        assertEquals("success", newest.getString("outcome"));
        assertFalse(newest.toString().contains(token));
    }

    @Test
    void failuresAlikeAreCountedRatherThanKeptOneByOne() {
        var username = failLogins(20);
        var reply = api.getWithToken("admin/audit?username=" + username, admin());
        // One row a minute, or two if the trail was written while they were made.
        assertTrue(reply.array().size() <= 2, reply.body());
        assertEquals(20, reply.array().stream().mapToInt(entry -> entry.asJsonObject().getInt("count")).sum());
    }

    @Test
    void pagesRunFromTheNewest() {
        var token = admin();
        var username = "audit-" + UUID.randomUUID().toString().substring(0, 8);
        assertEquals(201, api.json("POST", "admin/users", token, "{\"username\":\"" + username
                + "\",\"password\":\"long-enough-password\"}").status());
        assertEquals(200, api.json("POST", "admin/users/" + username + "/disable", token, null).status());
        assertEquals(200, api.json("POST", "admin/users/" + username + "/enable", token, null).status());
        var first = api.getWithToken("admin/audit?username=" + username + "&size=2", token).array();
        var second = api.getWithToken("admin/audit?username=" + username + "&size=2&page=1", token).array();
        assertEquals(2, first.size());
        assertEquals(1, second.size());
        var times = Stream.concat(first.stream(), second.stream())
                .map(entry -> Instant.parse(entry.asJsonObject().getString("time"))).toList();
        assertTrue(times.get(0).isAfter(times.get(1)) && times.get(1).isAfter(times.get(2)), times.toString());
    }

    @Test
    void onlyAdministratorsReadTheTrail() {
        assertEquals(403, api.getWithToken("admin/audit", api.login("johndoe", "secret")).status());
        assertEquals(401, api.get("admin/audit").status());
    }

    @ParameterizedTest
    @ValueSource(strings = {"page=-1", "page=x", "size=0", "size=501", "size=1e3", "page=99999999999"})
    void malformedPagingIsAnInvalidRequest(String query) {
        var reply = api.getWithToken("admin/audit?" + query, admin());
        assertEquals(400, reply.status());
        assertEquals("invalid_request", reply.json().getString("error"));
    }

    @Test
    void filtersByKindAndDayNarrowTheTrail() {
        var username = failLogins(1);
        var admin = admin();
        var today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
        var logins = api.getWithToken("admin/audit?username=" + username + "&action=login&from=" + today + "&to="
                + today, admin);
        assertEquals(200, logins.status(), logins.body());
        assertEquals(1, logins.array().size(), logins.body());
        assertEquals(0, api.getWithToken("admin/audit?username=" + username + "&action=user_create", admin).array()
                .size());
        assertEquals(0, api.getWithToken("admin/audit?username=" + username + "&to=" + today.minusDays(1), admin)
                .array().size());
        assertEquals(0, api.getWithToken("admin/audit?username=" + username + "&from=" + today.plusDays(1), admin)
                .array().size());
        var malformed = api.getWithToken("admin/audit?from=yesterday", admin);
        assertEquals(400, malformed.status());
        assertTrue(malformed.json().getString("detail").startsWith("from"), malformed.body());
    }
}
