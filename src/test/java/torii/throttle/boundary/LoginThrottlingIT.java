package torii.throttle.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonValue;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import torii.testing.Api.Reply;
import torii.testing.Api;
import torii.testing.Deployments;

/** Throttling with its default settings, on a server of its own whose database ends with it. */
@ExtendWith(ArquillianExtension.class)
class LoginThrottlingIT {

    @Deployment(testable = false)
    @TargetsContainer("throttled-logins")
    static WebArchive deployment() {
        return Deployments.war();
    }

    @ArquillianResource
    URL deployment;

    Api api;

    @BeforeEach
    void connect() {
        api = Api.at(deployment);
    }

    Reply login(String username, String password) {
        return api.postForm("token", "username=" + username + "&password=" + password);
    }

    static void assertThrottled(Reply reply) {
        assertEquals(429, reply.status(), reply.body());
        var wait = Long.parseLong(reply.header("Retry-After"));
        assertTrue(wait > 0 && wait <= 60, "Retry-After " + wait);
        assertEquals("slow_down", reply.json().getString("error"));
        assertTrue(reply.json().getString("error_description").contains(wait + " seconds"), reply.body());
    }

    @Test
    void usernameIsThrottledAfterFiveFailuresWhetherOrNotItExists() {
        var nobody = "nobody-" + UUID.randomUUID();
        for (int attempt = 1; attempt <= 5; attempt++) {
            assertEquals(400, login(nobody, "guess" + attempt).status(), "attempt " + attempt);
        }
        // The sixth failure starts a wait of a minute; the attempt after it is refused without a password check.
        assertEquals(400, login(nobody, "guess6").status());
        assertThrottled(login(nobody, "guess7"));
    }

    @Test
    void successResetsTheCountAndALockHoldsEvenForTheRightPassword() {
        for (int round = 0; round < 2; round++) {
            for (int attempt = 1; attempt <= 5; attempt++) {
                assertEquals(400, login("johndoe", "wrong").status(), "round " + round + ", attempt " + attempt);
            }
            assertEquals(200, login("johndoe", "secret").status(), "round " + round);
        }
        for (int attempt = 1; attempt <= 6; attempt++) {
            login("johndoe", "wrong");
        }
        assertThrottled(login("johndoe", "secret"));
    }

    @Test
    void throttledAttemptsAreInTheAuditTrail() {
        var nobody = "audited-" + UUID.randomUUID();
        for (int attempt = 1; attempt <= 7; attempt++) {
            login(nobody, "guess" + attempt);
        }
        var trail = api.getWithToken("admin/audit?username=" + nobody, api.login("admin", "secretadmin")).array();
        // Alike within a minute, they are counted in a row (or two, if the trail was written in between).
        var counts = trail.stream().map(JsonValue::asJsonObject).collect(Collectors.groupingBy(
                entry -> entry.getString("outcome"), Collectors.summingInt(entry -> entry.getInt("count"))));
        assertEquals(Map.of("throttled", 1, "failure", 6), counts);
        assertEquals("throttled", trail.getJsonObject(0).getString("outcome"), "newest first");
        assertEquals("127.0.0.1", trail.getJsonObject(0).getString("client_address"));
        assertTrue(trail.stream().noneMatch(entry -> entry.toString().contains("guess")), trail.toString());
    }

    @Test
    void loginsBeyondTheHashingPoolAndItsQueueAreToldToComeBack() {
        var client = HttpClient.newHttpClient();
        // Two users, four logins each: fewer at once than a user's free failures, which count until each is checked.
        var forms = List.of("username=admin&password=secretadmin", "username=johndoe&password=secret");
        var replies = IntStream.range(0, 8)
                .mapToObj(i -> client.sendAsync(api.request("token")
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(forms.get(i % 2))).build(),
                        HttpResponse.BodyHandlers.ofString()))
                .toList().stream().map(CompletableFuture::join).toList();
        var refused = replies.stream().filter(reply -> reply.statusCode() == 503).toList();
        assertTrue(replies.stream().anyMatch(reply -> reply.statusCode() == 200), "some logins get through");
        assertTrue(!refused.isEmpty(), "one thread and one queued login cannot take eight at once");
        for (var reply : refused) {
            assertEquals("1", reply.headers().firstValue("Retry-After").orElseThrow());
            assertTrue(reply.body().contains("\"error\":\"temporarily_unavailable\""), reply.body());
        }
        assertEquals(8, replies.stream().filter(reply -> reply.statusCode() == 200 || reply.statusCode() == 503).count());
    }
}
