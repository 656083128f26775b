package torii;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.URL;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.UUID;
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

/**
 * The server's /health and /metrics with this service's checks and counters: each kind of login, token and gateway
 * call moves its own counter by one. On a server with default throttling, whose database ends with it.
 */
@ExtendWith(ArquillianExtension.class)
class HealthAndMetricsIT {

    @Deployment(testable = false)
    @TargetsContainer("throttled")
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

    /** /health and /metrics are the server's, at its root rather than under the application's path. */
    Reply server(String path, String... headers) {
        var request = HttpRequest.newBuilder(api.base().resolve(path));
        return api.send(headers.length == 0 ? request.GET() : request.headers(headers).GET());
    }

    JsonObject health(String path) {
        var reply = server(path);
        assertEquals(200, reply.status(), reply.body());
        assertTrue(reply.header("Content-Type").startsWith("application/json"), reply.header("Content-Type"));
        assertEquals("UP", reply.json().getString("status"), reply.body());
        return reply.json();
    }

    static JsonObject check(JsonObject health, String name) {
        return health.getJsonArray("checks").stream().map(check -> check.asJsonObject())
                .filter(check -> check.getString("name").equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no check " + name + " in " + health));
    }

    /** The counter's value in the Prometheus text at /metrics; 0 for a series not yet there. */
    double counter(String name, String... labels) {
        var reply = server("/metrics", "Accept", "text/plain");
        assertEquals(200, reply.status(), reply.body());
        return reply.body().lines().filter(line -> line.startsWith(name + "{"))
                .filter(line -> List.of(labels).stream().allMatch(label -> line.contains(label)))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    double logins(String outcome) {
        return counter("torii_logins_total", "outcome=\"" + outcome + "\"");
    }

    double issued(String grant) {
        return counter("torii_tokens_issued_total", "grant=\"" + grant + "\"");
    }

    Reply login(String username, String password) {
        return api.postForm("token", "username=" + username + "&password=" + password);
    }

    @Test
    void readinessChecksTheDatabaseAndTheDataGrid() {
        var ready = health("/health/ready");
        assertEquals("UP", check(ready, "database").getString("status"));
        var grid = check(ready, "data-grid");
        assertEquals("UP", grid.getString("status"));
        assertTrue(List.of("used", "not used").contains(grid.getJsonObject("data").getString("grid")), grid.toString());
    }

    @Test
    void livenessChecksThePasswordHashingPoolAndDeadlocks() {
        var live = check(health("/health/live"), "liveness");
        assertEquals("UP", live.getString("status"));
        var data = live.getJsonObject("data");
        assertEquals("1", data.getString("hashing_threads"), "the throttled server has one hashing thread");
        assertEquals("0", data.getString("deadlocked_threads"));
    }

    @Test
    void theWholeHealthHoldsReadinessAndLiveness() {
        var all = health("/health");
        check(all, "database");
        check(all, "data-grid");
        check(all, "liveness");
    }

    @Test
    void aFailedLoginCountsOneFailure() {
        var failures = logins("failure");
        var successes = logins("success");
        assertEquals(400, login("nobody-" + UUID.randomUUID(), "guess").status());
        assertEquals(failures + 1, logins("failure"));
        assertEquals(successes, logins("success"));
    }

    @Test
    void aSuccessfulLoginCountsOneSuccessAndOneTokenIssuedByPassword() {
        var successes = logins("success");
        var issued = issued("password");
        var refreshed = issued("refresh_token");
        api.login("johndoe", "secret");
        assertEquals(successes + 1, logins("success"));
        assertEquals(issued + 1, issued("password"));
        assertEquals(refreshed, issued("refresh_token"));
    }

    @Test
    void aThrottledLoginCountsOneThrottledAndNoFailure() {
        var nobody = "nobody-" + UUID.randomUUID();
        for (int attempt = 1; attempt <= 6; attempt++) {
            assertEquals(400, login(nobody, "guess" + attempt).status(), "attempt " + attempt);
        }
        var failures = logins("failure");
        var throttled = logins("throttled");
        assertEquals(429, login(nobody, "guess7").status());
        assertEquals(throttled + 1, logins("throttled"));
        assertEquals(failures, logins("failure"));
    }

    @Test
    void aRefreshCountsOneTokenIssuedByRefreshAndNoLogin() {
        var refreshToken = api.loginForTokens("username=johndoe&password=secret").getString("refresh_token");
        var refreshed = issued("refresh_token");
        var successes = logins("success");
        var reply = api.postForm("token", "grant_type=refresh_token&refresh_token=" + refreshToken);
        assertEquals(200, reply.status(), reply.body());
        assertEquals(refreshed + 1, issued("refresh_token"));
        assertEquals(successes, logins("success"));
    }

    @Test
    void aGatewayCompletionCountsOneCompletedCallOfItsApplication() {
        var token = api.login("johndoe", "secret");
        var completed = counter("torii_gateway_calls_total", "app=\"translator\"", "outcome=\"completed\"");
        var other = counter("torii_gateway_calls_total", "app=\"summarizer\"");
        var reply = api.json("POST", "v1/chat/completions", token,
                "{\"model\":\"translator\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}");
        assertEquals(200, reply.status(), reply.body());
        assertEquals(completed + 1, counter("torii_gateway_calls_total", "app=\"translator\"", "outcome=\"completed\""));
        assertEquals(other, counter("torii_gateway_calls_total", "app=\"summarizer\""));
    }

    @Test
    void noLabelNamesAUser() {
        api.login("johndoe", "secret");
        var metrics = server("/metrics", "Accept", "text/plain").body();
        assertTrue(metrics.contains("torii_logins_total{"), "the counters are there");
        assertFalse(metrics.lines().filter(line -> line.startsWith("torii_")).anyMatch(line -> line.contains("johndoe")));
    }
}
