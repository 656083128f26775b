package torii.gateway.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import torii.testing.Api;
import torii.testing.Deployments;

/**
 * The gateway in front of a real HTTP upstream that the test controls: what the upstream receives, chunk-by-chunk
 * relay, and every failure mapped to an OpenAI-shaped 4xx, 502 or 504 without the upstream's key.
 */
@ExtendWith(ArquillianExtension.class)
class UpstreamRelayIT {

    /** The application whose key the container is given: -Dtorii.apps.stub.api-key. */
    static final String APP = "stub";
    static final String KEY = "sk-stub-upstream-key-for-tests";
    static final String MODEL = "stub-model-7b";

    static StubUpstream stub;

    @Deployment(testable = false)
    @TargetsContainer("gateway")
    static WebArchive deployment() {
        return Deployments.war();
    }

    @ArquillianResource
    URL deployment;

    Api api;
    Gateway gateway;
    String token;
    String username;

    @BeforeAll
    static void startStub() throws IOException {
        stub = new StubUpstream();
    }

    @AfterAll
    static void stopStub() {
        stub.close();
    }

    @BeforeEach
    void setUp() {
        api = Api.at(deployment);
        gateway = Gateway.of(api);
        register(APP, stub.baseUrl());
        stub.mode = StubUpstream.Mode.NORMAL;
        token = gateway.userWith(APP);
        username = api.getWithToken("users/me", token).json().getString("username");
    }

    /** Creates the OpenAI application once, and points it at this run's upstream. */
    void register(String id, String baseUrl) {
        var form = "{\"id\":\"" + id + "\",\"name\":\"Stub\",\"backend\":\"openai\",\"base_url\":\"" + baseUrl
                + "\",\"model\":\"" + MODEL + "\"}";
        gateway.register(id, form);
    }

    Api.Reply complete(String more) {
        return gateway.complete(token, Gateway.chat(APP, "Hi", more));
    }

    void assertNoSecrets(Api.Reply reply) {
        assertFalse(reply.body().contains(KEY), reply.body());
        assertFalse(reply.body().contains("at torii."), reply.body());
    }

    @Test
    void completionIsRelayedWithTheUpstreamKeyModelAndUser() {
        var reply = complete(",\"temperature\":0.25,\"x_vendor\":{\"keep\":true}");
        assertEquals(200, reply.status(), reply.body());
        assertEquals("Hello from upstream", reply.json().getJsonArray("choices").getJsonObject(0)
                .getJsonObject("message").getString("content"));
        assertNoSecrets(reply);
        assertEquals("Bearer " + KEY, stub.header("Authorization"));
        var sent = Gateway.json(stub.lastBody);
        assertEquals(MODEL, sent.getString("model"));
        assertEquals(username, sent.getString("user"));
        assertEquals(0.25, sent.getJsonNumber("temperature").doubleValue());
        assertTrue(sent.getJsonObject("x_vendor").getBoolean("keep"));
        assertEquals(2, sent.getJsonArray("messages").size());
    }

    @Test
    void callerTokenIsNeverForwarded() {
        complete("");
        stub.lastHeaders.values().forEach(values -> values.forEach(value -> assertFalse(value.contains(token))));
        assertFalse(stub.lastBody.contains(token));
    }

    @Test
    void usageIsWhatTheUpstreamReports() {
        complete("");
        stub.mode = StubUpstream.Mode.STREAM;
        var stream = complete(",\"stream\":true,\"stream_options\":{\"include_usage\":true}");
        assertTrue(stream.body().contains(StubUpstream.USAGE), "asked for, the usage chunk is passed on");
        var usage = api.getWithToken("users/me/usage", token).array().getJsonObject(0);
        assertEquals(2, usage.getInt("requests"));
        assertEquals(22, usage.getInt("prompt_tokens"));
        assertEquals(14, usage.getInt("completion_tokens"));
    }

    @Test
    void streamIsRelayedChunkByChunk() throws Exception {
        stub.mode = StubUpstream.Mode.STEPWISE_STREAM;
        var request = api.request("v1/chat/completions").header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Gateway.chat(APP, "Hi", ",\"stream\":true")));
        var response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
        var events = new ArrayList<String>();
        try (var lines = response.body()) {
            lines.filter(line -> line.startsWith("data: ")).forEach(line -> {
                if (events.isEmpty()) {
                    assertTrue(line.contains("First"), line);
                    stub.firstChunkRead.countDown();
                }
                events.add(line.substring(6));
            });
        }
        assertFalse(stub.waitedInVain, "the first chunk reached the caller while the upstream held the rest back");
        assertEquals("[DONE]", events.get(events.size() - 1));
        assertEquals(4, events.size(), "two content chunks, the finish, [DONE]; no usage chunk: " + events);
        assertTrue(Gateway.json(stub.lastBody).getJsonObject("stream_options").getBoolean("include_usage"),
                "the gateway asks for usage to count it");
    }

    @Test
    void slowUpstreamIs504() {
        stub.mode = StubUpstream.Mode.SLOW;
        var started = System.nanoTime();
        var reply = complete("");
        assertEquals(504, reply.status(), reply.body());
        assertEquals("upstream_timeout", Gateway.error(reply).getString("code"));
        assertTrue((System.nanoTime() - started) / 1_000_000 < StubUpstream.SLOWNESS_MS, "answered before the stub");
        var stream = complete(",\"stream\":true");
        assertEquals(504, stream.status(), stream.body());
    }

    @Test
    void silenceMidStreamEndsWithAnErrorEvent() {
        stub.mode = StubUpstream.Mode.SLOW_STREAM;
        var reply = complete(",\"stream\":true");
        assertEquals(200, reply.status());
        var events = Gateway.events(reply.body());
        assertTrue(events.get(0).contains("First"));
        assertEquals("upstream_timeout", Gateway.json(events.get(events.size() - 1)).getJsonObject("error")
                .getString("code"), reply.body());
        assertFalse(reply.body().contains("[DONE]"));
    }

    @Test
    void brokenStreamEndsWithAnErrorEvent() {
        stub.mode = StubUpstream.Mode.BROKEN_STREAM;
        var reply = complete(",\"stream\":true");
        assertEquals(200, reply.status());
        var events = Gateway.events(reply.body());
        assertEquals("api_error", Gateway.json(events.get(events.size() - 1)).getJsonObject("error")
                .getString("type"), reply.body());
        assertFalse(reply.body().contains("[DONE]"));
    }

    @Test
    void serverErrorAndGarbageAre502() {
        for (var mode : List.of(StubUpstream.Mode.SERVER_ERROR, StubUpstream.Mode.GARBAGE)) {
            stub.mode = mode;
            for (var more : List.of("", ",\"stream\":true")) {
                var reply = complete(more);
                assertEquals(502, reply.status(), mode + more + reply.body());
                assertEquals("api_error", Gateway.error(reply).getString("type"));
                assertTrue(reply.header("Content-Type").startsWith("application/json"));
                assertNoSecrets(reply);
            }
        }
    }

    Api.Reply check(String appId, String asWho) {
        return api.send(api.request("admin/apps/" + appId + "/check").header("Authorization", "Bearer " + asWho)
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody()));
    }

    @Test
    void checkCallsTheModelListWithTheKeyAndNeverShowsIt() {
        var reply = check(APP, gateway.admin());
        assertEquals(200, reply.status(), reply.body());
        assertTrue(reply.json().getBoolean("reachable"), reply.body());
        assertEquals(200, reply.json().getInt("status"));
        assertEquals("Bearer " + KEY, stub.header("Authorization"));
        assertNoSecrets(reply);
        stub.mode = StubUpstream.Mode.KEY_REFUSED;
        var refused = check(APP, gateway.admin()).json();
        assertEquals(401, refused.getInt("status"));
        assertTrue(refused.getString("detail").contains("credentials were refused"), refused.toString());
    }

    /** A loopback port that nothing listens on any more. */
    static int closedPort() throws IOException {
        try (var socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void checkOfAClosedPortSaysUnreachableAndOnlyAdministratorsMayCheck() throws IOException {
        register("stub-closed", "http://127.0.0.1:" + closedPort() + "/v1");
        var reply = check("stub-closed", gateway.admin());
        assertEquals(200, reply.status(), reply.body());
        assertFalse(reply.json().getBoolean("reachable"), reply.body());
        assertFalse(reply.json().containsKey("status"), reply.body());
        assertEquals(403, check("stub-closed", token).status());
        assertEquals(404, check("no-such-app", gateway.admin()).status());
        var echo = check(gateway.echoApp(), gateway.admin()).json();
        assertTrue(echo.getBoolean("reachable"), echo.toString());
    }

    @Test
    void refusedConnectionIs502() throws IOException {
        register("stub-refused", "http://127.0.0.1:" + closedPort() + "/v1");
        gateway.grant("stub-refused", username);
        var again = api.login(username, "password-" + username);
        var reply = gateway.complete(again, Gateway.chat("stub-refused", "Hi"));
        assertEquals(502, reply.status(), reply.body());
        assertEquals("upstream_unavailable", Gateway.error(reply).getString("code"));
    }

    @Test
    void contextTooLongKeepsItsStatusAndMessage() {
        stub.mode = StubUpstream.Mode.CONTEXT_TOO_LONG;
        var reply = complete("");
        assertEquals(400, reply.status(), reply.body());
        assertTrue(Gateway.error(reply).getString("message").contains("maximum context length"), reply.body());
    }

    @Test
    void upstreamRateLimitKeepsItsStatusAndRetryAfter() {
        stub.mode = StubUpstream.Mode.RATE_LIMITED;
        var reply = complete("");
        assertEquals(429, reply.status(), reply.body());
        assertEquals("7", reply.header("Retry-After"));
        assertEquals("Slow down, please", Gateway.error(reply).getString("message"));
    }

    @Test
    void refusedKeyIs502WithoutTheUpstreamsWords() {
        stub.mode = StubUpstream.Mode.KEY_REFUSED;
        var reply = complete("");
        assertEquals(502, reply.status(), reply.body());
        assertNoSecrets(reply);
        assertFalse(reply.body().contains("Incorrect API key"));
    }

    @Test
    void keyIsNeverSentToAnotherUrl() throws IOException {
        try (var elsewhere = new StubUpstream(0)) {
            var form = "{\"name\":\"Stub\",\"backend\":\"openai\",\"base_url\":\"" + elsewhere.baseUrl()
                    + "\",\"model\":\"" + MODEL + "\"}";
            var refused = api.json("PUT", "admin/apps/" + APP, gateway.admin(), form);
            assertEquals(400, refused.status(), refused.body());
            assertTrue(refused.json().getString("detail").startsWith("base_url:"), refused.body());
            assertEquals(200, complete("").status());
            assertNull(elsewhere.lastBody, "the other URL got nothing");
            assertEquals("Bearer " + KEY, stub.header("Authorization"));
        }
    }

    @Test
    void applicationWithoutKeySendsNoAuthorization() {
        register("stub-keyless", stub.baseUrl());
        gateway.grant("stub-keyless", username);
        var again = api.login(username, "password-" + username);
        assertEquals(200, gateway.complete(again, Gateway.chat("stub-keyless", "Hi")).status());
        assertNull(stub.header("Authorization"));
    }
}
