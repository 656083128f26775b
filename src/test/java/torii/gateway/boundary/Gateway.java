package torii.gateway.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.List;
import java.util.UUID;
import torii.testing.Api;

/** What the gateway's tests share: applications and users made for one test, requests and event streams. */
record Gateway(Api api, String admin) {

    static Gateway of(Api api) {
        return new Gateway(api, api.login("admin", "secretadmin"));
    }

    static String fresh(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** An application of its own for a test, so that no test meets another's rate limit. */
    String echoApp() {
        var id = fresh("echo");
        var reply = api.json("POST", "admin/apps", admin,
                "{\"id\":\"" + id + "\",\"name\":\"Echo\",\"description\":\"Echoes\",\"backend\":\"echo\"}");
        assertEquals(201, reply.status(), reply.body());
        return id;
    }

    /** Creates the application of the id with the form, or, made by an earlier test of the run, rewrites it. */
    void register(String id, String form) {
        var created = api.json("POST", "admin/apps", admin, form);
        if (created.status() == 409) {
            var updated = api.json("PUT", "admin/apps/" + id, admin, form);
            assertEquals(200, updated.status(), updated.body());
        } else {
            assertEquals(201, created.status(), created.body());
        }
    }

    void grant(String appId, String username) {
        var reply = api.json("POST", "admin/apps/" + appId + "/grants", admin, "{\"user\":\"" + username + "\"}");
        assertEquals(201, reply.status(), reply.body());
    }

    /** A new user, granted the applications, logged in with every scope they may have. */
    String userWith(String... appIds) {
        var username = fresh("user");
        var reply = api.json("POST", "admin/users", admin, "{\"username\":\"" + username
                + "\",\"password\":\"password-" + username + "\"}");
        assertEquals(201, reply.status(), reply.body());
        for (var appId : appIds) {
            grant(appId, username);
        }
        return api.login(username, "password-" + username);
    }

    static String chat(String model, String text) {
        return chat(model, text, "");
    }

    /** A chat request with one user message, and more fields (starting with a comma) if given. */
    static String chat(String model, String text, String more) {
        return "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"system\",\"content\":\"Be brief\"},"
                + "{\"role\":\"user\",\"content\":\"" + text + "\"}]" + more + "}";
    }

    Api.Reply complete(String token, String body) {
        return api.json("POST", "v1/chat/completions", token, body);
    }

    /** The data of each event of a stream, in order. */
    static List<String> events(String stream) {
        return stream.lines().filter(line -> line.startsWith("data: ")).map(line -> line.substring(6)).toList();
    }

    static JsonObject json(String data) {
        try (var reader = Json.createReader(new StringReader(data))) {
            return reader.readObject();
        }
    }

    /** The OpenAI-shaped error of a reply. */
    static JsonObject error(Api.Reply reply) {
        return reply.json().getJsonObject("error");
    }
}
