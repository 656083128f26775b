package torii.gateway.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import torii.testing.Api;
import torii.testing.Deployments;

/** The gateway with the echo backend: the OpenAI shapes, scopes, errors, the rate limit and usage. */
@ExtendWith(ArquillianExtension.class)
class GatewayIT {

    @Deployment(testable = false)
    @TargetsContainer("gateway")
    static WebArchive deployment() {
        return Deployments.war();
    }

    @ArquillianResource
    URL deployment;

    Api api;
    Gateway gateway;
    String app;
    String token;

    @BeforeEach
    void setUp() {
        api = Api.at(deployment);
        gateway = Gateway.of(api);
        app = gateway.echoApp();
        token = gateway.userWith(app);
    }

    List<String> models(String token) {
        var reply = api.getWithToken("v1/models", token);
        assertEquals(200, reply.status(), reply.body());
        assertEquals("list", reply.json().getString("object"));
        return reply.json().getJsonArray("data").stream().map(model -> {
            assertEquals("model", model.asJsonObject().getString("object"));
            return model.asJsonObject().getString("id");
        }).toList();
    }

    @Test
    void modelsAreTheGrantedApplicationsWhoseScopeTheTokenCarries() {
        var other = gateway.echoApp();
        assertEquals(List.of(app), models(token));
        var username = api.getWithToken("users/me", token).json().getString("username");
        gateway.grant(other, username);
        assertEquals(List.of(app), models(token), "a grant after the login needs a new token");
        var narrow = api.login("johndoe", "secret");
        assertTrue(models(narrow).contains("translator"));
        assertFalse(models(narrow).contains("summarizer"));
        var meOnly = api.loginForTokens("username=johndoe&password=secret&scope=me").getString("access_token");
        assertEquals(List.of(), models(meOnly));
    }

    @Test
    void completionEchoesTheLastUserMessage() {
        var reply = gateway.complete(token, Gateway.chat(app, "Hello there, gateway"));
        assertEquals(200, reply.status(), reply.body());
        assertTrue(reply.header("Content-Type").startsWith("application/json"));
        var completion = reply.json();
        assertTrue(completion.getString("id").startsWith("chatcmpl-"));
        assertEquals("chat.completion", completion.getString("object"));
        assertEquals(app, completion.getString("model"));
        assertTrue(completion.getJsonNumber("created").longValue() > 1_700_000_000L);
        var choice = completion.getJsonArray("choices").getJsonObject(0);
        assertEquals("assistant", choice.getJsonObject("message").getString("role"));
        assertEquals("Hello there, gateway", choice.getJsonObject("message").getString("content"));
        assertEquals("stop", choice.getString("finish_reason"));
        var usage = completion.getJsonObject("usage");
        assertEquals(5, usage.getInt("prompt_tokens"));
        assertEquals(3, usage.getInt("completion_tokens"));
        assertEquals(8, usage.getInt("total_tokens"));
    }

    @Test
    void streamSendsRoleThenWordsThenFinishThenUsageThenDone() {
        var reply = gateway.complete(token, Gateway.chat(app, "one two three",
                ",\"stream\":true,\"stream_options\":{\"include_usage\":true}"));
        assertEquals(200, reply.status(), reply.body());
        assertTrue(reply.header("Content-Type").startsWith("text/event-stream"), reply.header("Content-Type"));
        var events = Gateway.events(reply.body());
        assertEquals("[DONE]", events.get(events.size() - 1));
        var chunks = events.subList(0, events.size() - 1).stream().map(Gateway::json).toList();
        chunks.forEach(chunk -> assertEquals("chat.completion.chunk", chunk.getString("object")));
        assertEquals(1, chunks.stream().map(chunk -> chunk.getString("id")).distinct().count());
        assertEquals("assistant", delta(chunks.get(0)).getString("role"));
        var text = chunks.subList(1, chunks.size() - 2).stream().map(chunk -> delta(chunk).getString("content"))
                .collect(Collectors.joining());
        assertEquals("one two three", text);
        assertEquals(6, chunks.size(), "role, three words, finish and usage");
        assertEquals("stop", chunks.get(chunks.size() - 2).getJsonArray("choices").getJsonObject(0)
                .getString("finish_reason"));
        var usage = chunks.get(chunks.size() - 1);
        assertTrue(usage.getJsonArray("choices").isEmpty());
        assertEquals(3, usage.getJsonObject("usage").getInt("completion_tokens"));
    }

    @Test
    void streamWithoutUsageOptionHasNoUsageChunk() {
        var reply = gateway.complete(token, Gateway.chat(app, "just this", ",\"stream\":true"));
        assertEquals(200, reply.status(), reply.body());
        var events = Gateway.events(reply.body());
        assertEquals("[DONE]", events.get(events.size() - 1));
        assertTrue(events.subList(0, events.size() - 1).stream().map(Gateway::json)
                .noneMatch(chunk -> chunk.containsKey("usage")), reply.body());
    }

    static JsonObject delta(JsonObject chunk) {
        return chunk.getJsonArray("choices").getJsonObject(0).getJsonObject("delta");
    }

    @Test
    void applicationScopeAndGrantAreRequired() {
        var other = gateway.echoApp();
        var notGranted = gateway.complete(token, Gateway.chat(other, "hi"));
        assertEquals(403, notGranted.status(), notGranted.body());
        assertEquals("permission_error", Gateway.error(notGranted).getString("type"));
        assertTrue(notGranted.header("WWW-Authenticate").contains("insufficient_scope"));
        var meOnly = api.loginForTokens("username=johndoe&password=secret&scope=me").getString("access_token");
        var noScope = gateway.complete(meOnly, Gateway.chat("translator", "hi"));
        assertEquals(403, noScope.status());
        assertTrue(noScope.header("WWW-Authenticate").contains("scope=\"app:translator\""));
        var unknown = gateway.complete(token, Gateway.chat("no-such-app", "hi"));
        assertEquals(404, unknown.status());
        assertEquals("model_not_found", Gateway.error(unknown).getString("code"));
    }

    @Test
    void revokedGrantEndsUseAtOnce() {
        var username = api.getWithToken("users/me", token).json().getString("username");
        assertEquals(200, gateway.complete(token, Gateway.chat(app, "before")).status());
        assertEquals(204, api.json("DELETE", "admin/apps/" + app + "/grants/users/" + username, gateway.admin(), null)
                .status());
        assertEquals(403, gateway.complete(token, Gateway.chat(app, "after")).status());
        assertEquals(List.of(), models(token));
    }

    @Test
    void missingOrBadTokenIs401InOpenAiShape() {
        var none = api.send(api.request("v1/models").GET());
        assertEquals(401, none.status());
        assertEquals("Bearer", none.header("WWW-Authenticate"));
        assertEquals("authentication_error", Gateway.error(none).getString("type"));
        assertNotNull(Gateway.error(none).getString("message"));
        var bad = api.getWithToken("v1/models", token + "x");
        assertEquals(401, bad.status());
        assertTrue(bad.header("WWW-Authenticate").contains("invalid_token"));
        assertEquals("invalid_api_key", Gateway.error(bad).getString("code"));
    }

    @Test
    void malformedRequestsAre400NamingTheParameter() {
        var cases = List.of(
                "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}", "model",
                "{\"model\":\"" + app + "\",\"messages\":[]}", "messages",
                "{\"model\":\"" + app + "\",\"messages\":[{\"content\":\"x\"}]}", "messages",
                "{\"model\":\"" + app + "\",\"messages\":\"x\"}", "messages",
                Gateway.chat(app, "x", ",\"stream\":\"yes\""), "stream");
        for (var i = 0; i < cases.size(); i += 2) {
            var reply = gateway.complete(token, cases.get(i));
            assertEquals(400, reply.status(), cases.get(i));
            assertEquals("invalid_request_error", Gateway.error(reply).getString("type"), reply.body());
            assertEquals(cases.get(i + 1), Gateway.error(reply).getString("param"), reply.body());
        }
        for (var body : List.of("{\"model\":", "[1]", "")) {
            var reply = gateway.complete(token, body);
            assertEquals(400, reply.status(), body);
            assertNotNull(Gateway.error(reply).getString("message"));
        }
    }

    @Test
    void unknownPathsAndMethodsUnderV1AreInOpenAiShape() {
        var unknown = api.getWithToken("v1/embeddings", token);
        assertEquals(404, unknown.status());
        assertNotNull(Gateway.error(unknown).getString("message"));
        var wrongMethod = api.getWithToken("v1/chat/completions", token);
        assertEquals(405, wrongMethod.status());
        assertNotNull(Gateway.error(wrongMethod).getString("message"));
        assertEquals("Not Found", api.getWithToken("users/me/nothing", token).json().getString("detail"),
                "the API's own shape elsewhere");
    }

    @Test
    void rateLimitIs429WithRetryAfterPerUserAndApplication() {
        // The limit counts per minute of the server's clock: six requests that straddle two minutes would all be let
        // in. Tokens issued just before the first request and just after the last show the server's minute then
        // (Payara sends no Date header with the application's answers); if it changed, the sequence is run once more
        // by a new user, in the minute that has just begun.
        var sequence = rateLimitSequence(token);
        if (sequence.straddled()) {
            sequence = rateLimitSequence(gateway.userWith(app));
        }
        assertFalse(sequence.straddled(), "a minute boundary fell within both sequences");
        for (var i = 0; i < 5; i++) {
            assertEquals(200, sequence.answers().get(i).status(), "request " + (i + 1));
        }
        var refused = sequence.answers().get(5);
        assertEquals(429, refused.status(), refused.body());
        var wait = Long.parseLong(refused.header("Retry-After"));
        assertTrue(wait >= 1 && wait <= 60, refused.header("Retry-After"));
        assertEquals("rate_limit_error", Gateway.error(refused).getString("type"));
        var other = gateway.echoApp();
        gateway.grant(other, sequence.username());
        var again = api.login(sequence.username(), "password-" + sequence.username());
        assertEquals(200, gateway.complete(again, Gateway.chat(other, "another app")).status());
    }

    /** Six completions in a row by one user, and whether the server's minute changed between their first and last. */
    record RateLimitSequence(String username, List<Api.Reply> answers, boolean straddled) {
    }

    RateLimitSequence rateLimitSequence(String token) {
        var username = api.getWithToken("users/me", token).json().getString("username");
        var before = serverMinute(username);
        var answers = new ArrayList<Api.Reply>();
        for (var i = 1; i <= 6; i++) {
            answers.add(gateway.complete(token, Gateway.chat(app, "request " + i)));
        }
        return new RateLimitSequence(username, answers, serverMinute(username) != before);
    }

    /** The minute of the server's clock, from the issue time (iat, whole seconds) of a token it issues now. */
    long serverMinute(String username) {
        var issued = api.login(username, "password-" + username);
        var claims = new String(Base64.getUrlDecoder().decode(issued.split("\\.")[1]), StandardCharsets.UTF_8);
        return Json.createReader(new StringReader(claims)).readObject().getJsonNumber("iat").longValue() / 60;
    }

    @Test
    void usageCountsRequestsAndTokensForTheUserAndTheAdministrator() {
        gateway.complete(token, Gateway.chat(app, "three words here"));
        gateway.complete(token, Gateway.chat(app, "two words", ",\"stream\":true"));
        var mine = api.getWithToken("users/me/usage", token);
        assertEquals(200, mine.status(), mine.body());
        assertEquals(1, mine.array().size(), mine.body());
        var entry = mine.array().getJsonObject(0);
        assertEquals(app, entry.getString("app"));
        assertEquals(2, entry.getInt("requests"));
        assertEquals(5, entry.getInt("completion_tokens"));
        assertEquals(2 + 3 + 2 + 2, entry.getInt("prompt_tokens"));
        var username = entry.getString("username");
        var all = api.getWithToken("admin/usage?username=" + username, gateway.admin());
        assertEquals(200, all.status(), all.body());
        assertEquals(mine.array(), all.array());
        assertEquals(0, api.getWithToken("admin/usage?app=" + app + "&to=2000-01-01", gateway.admin()).array()
                .size());
        assertEquals(403, api.getWithToken("admin/usage", token).status());
        assertEquals(400, api.getWithToken("users/me/usage?from=yesterday", token).status());
    }

    @ParameterizedTest
    @ValueSource(strings = {"from=%2B10000-01-01", "to=%2B10000-12-31", "from=-0001-01-01", "to=0000-01-01",
            "from=2024-02-30", "from", "from=2024-01-01&from=2024-01-02", "app=%00"})
    void daysOutOfRangeAndMalformedQueriesAreInvalidRequests(String query) {
        for (var path : List.of("users/me/usage?", "admin/usage?")) {
            var reply = api.getWithToken(path + query, path.startsWith("admin") ? gateway.admin() : token);
            var expected = query.equals("from") ? 200 : 400;
            assertEquals(expected, reply.status(), path + query + ": " + reply.body());
        }
    }

    @Test
    void aModelThatCannotBeAnApplicationIdIsNotFoundAndNeverLookedUp() {
        for (var model : List.of("no-suc\\u0000h-model", "UPPER", "x".repeat(500))) {
            var reply = gateway.complete(token, Gateway.chat(model, "Hi"));
            assertEquals(404, reply.status(), model + ": " + reply.body());
            assertEquals("model_not_found", Gateway.error(reply).getString("code"));
        }
    }

    @Test
    void aBodyThatIsNotJsonIsUnsupported() {
        var reply = api.send(api.request("v1/chat/completions").header("Authorization", "Bearer " + token)
                .header("Content-Type", "text/plain").POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                        Gateway.chat(app, "Hi"))));
        assertEquals(415, reply.status(), reply.body());
        assertEquals("invalid_request_error", Gateway.error(reply).getString("type"));
    }
}
