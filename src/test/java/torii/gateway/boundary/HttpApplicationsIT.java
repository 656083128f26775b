package torii.gateway.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jwt.SignedJWT;
import jakarta.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import torii.testing.Api;
import torii.testing.Deployments;

/**
 * A real FastAPI application (Debian's python3-fastapi under uvicorn) behind the gateway at /apps/rag: it checks the
 * identity token the gateway passes on against the gateway's JWK Set with python-jose and answers with the user it
 * saw. What it receives is read from it directly, on its own port.
 */
@ExtendWith(ArquillianExtension.class)
class HttpApplicationsIT {

    static final String APP = "rag";
    static final String DOWN = "rag-down";
    static final HttpClient DIRECT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    static Process python;
    static int port;

    @Deployment(testable = false)
    @TargetsContainer("gateway")
    static WebArchive deployment() {
        return Deployments.war();
    }

    @ArquillianResource
    URL deployment;

    Api api;
    Gateway gateway;

    @BeforeEach
    void setUp() throws Exception {
        api = Api.at(deployment);
        gateway = Gateway.of(api);
        if (python == null) {
            start(api.get(".well-known/oauth-authorization-server").json().getString("issuer"));
        }
        register(APP, "http://127.0.0.1:" + port);
        register(DOWN, "http://127.0.0.1:" + freePort());
    }

    void start(String issuer) throws Exception {
        port = freePort();
        var builder = new ProcessBuilder("/usr/bin/python3", "-m", "uvicorn", "rag_app:app", "--host", "127.0.0.1",
                "--port", String.valueOf(port), "--log-level", "warning")
                .directory(Path.of("src/test/python").toFile()).redirectErrorStream(true)
                .redirectOutput(Path.of("target/rag-app.log").toFile());
        builder.environment().put("TORII_URL", api.base().toString());
        builder.environment().put("TORII_ISSUER", issuer);
        builder.environment().put("APP_ID", APP);
        python = builder.start();
        Runtime.getRuntime().addShutdownHook(new Thread(HttpApplicationsIT::stop));
        for (int i = 0; i < 300; i++) {
            try {
                if (direct("GET", "_test/seen").statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                assertTrue(python.isAlive(), "uvicorn ended; see target/rag-app.log");
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("uvicorn did not answer within 30 s; see target/rag-app.log");
    }

    @AfterAll
    static void stop() {
        if (python != null) {
            python.destroy();
            try {
                if (!python.waitFor(10, TimeUnit.SECONDS)) {
                    python.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static HttpResponse<String> direct(String method, String path) throws IOException, InterruptedException {
        return DIRECT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/" + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** What the application has received so far, oldest first. */
    static String seen() throws Exception {
        return direct("GET", "_test/seen").body();
    }

    static int seenCount() throws Exception {
        return Gateway.json("{\"seen\":" + seen() + "}").getJsonArray("seen").size();
    }

    void register(String id, String baseUrl) {
        var form = "{\"id\":\"" + id + "\",\"name\":\"Documents\",\"description\":\"Answers from our documents\","
                + "\"backend\":\"http\",\"base_url\":\"" + baseUrl + "\",\"docs_url\":\"https://docs.example.com/rag\"}";
        gateway.register(id, form);
    }

    /** A new user granted the applications with room for many calls a minute, and their token. */
    String user(String... apps) {
        var username = Gateway.fresh("user");
        var made = api.json("POST", "admin/users", gateway.admin(), "{\"username\":\"" + username
                + "\",\"password\":\"password-" + username + "\",\"email\":\"" + username + "@example.com\","
                + "\"full_name\":\"Hanako " + username + "\"}");
        assertEquals(201, made.status(), made.body());
        for (var app : apps) {
            var granted = api.json("POST", "admin/apps/" + app + "/grants", gateway.admin(),
                    "{\"user\":\"" + username + "\",\"requests_per_minute\":1000}");
            assertEquals(201, granted.status(), granted.body());
        }
        return api.login(username, "password-" + username);
    }

    static String nameOf(String token) throws Exception {
        return SignedJWT.parse(token).getJWTClaimsSet().getSubject();
    }

    Api.Reply call(String method, String path, String token) {
        return api.send(api.request("apps/" + path).header("Authorization", "Bearer " + token)
                .method(method, HttpRequest.BodyPublishers.noBody()));
    }

    @Test
    void grantedUserReachesTheApplicationAsThemselves() throws Exception {
        var token = user(APP);
        var reply = call("GET", APP + "/whoami?q=rice%20and%20fish&n=1", token);
        assertEquals(200, reply.status(), reply.body());
        var claims = reply.json().getJsonObject("claims");
        var username = nameOf(token);
        assertEquals(username, claims.getString("sub"));
        assertEquals(APP, claims.getString("aud"));
        assertEquals("app:" + APP, claims.getString("scope"));
        assertEquals(username + "@example.com", claims.getString("email"));
        assertEquals("Hanako " + username, claims.getString("name"));
        assertTrue(claims.getJsonNumber("exp").longValue() - claims.getJsonNumber("iat").longValue() <= 300);
        assertEquals("rice and fish", reply.json().getJsonObject("query").getString("q"));
        var forwarded = reply.json().getJsonObject("forwarded");
        assertEquals("/apps/" + APP, forwarded.getString("x-forwarded-prefix"));
        assertEquals("http", forwarded.getString("x-forwarded-proto"));
        assertEquals(api.base().getHost() + ":" + api.base().getPort(), forwarded.getString("x-forwarded-host"));
        assertEquals("127.0.0.1", forwarded.getString("x-forwarded-for"));
        assertTrue(reply.header("x-ratelimit-remaining-requests") != null, "the budgets are reported");
    }

    @Test
    void callerTokenNeverReachesTheApplication() throws Exception {
        var token = user(APP);
        assertEquals(200, call("GET", APP + "/whoami", token).status());
        var seen = seen();
        assertFalse(seen.contains(token), "the caller's token is not passed on");
        assertFalse(seen.contains(token.substring(token.lastIndexOf('.') + 1)), "nor its signature");
    }

    @Test
    void identityTokenIsOfItsOwnTypeAndNotAnAccessToken() throws Exception {
        var token = user(APP);
        assertEquals(200, call("GET", APP + "/whoami", token).status());
        var seen = Gateway.json("{\"seen\":" + seen() + "}").getJsonArray("seen");
        var authorization = seen.getJsonObject(seen.size() - 1).getJsonObject("headers").getString("authorization");
        var identity = authorization.substring("Bearer ".length());
        assertEquals(new JOSEObjectType("identity+jwt"), SignedJWT.parse(identity).getHeader().getType());
        assertNotNull(SignedJWT.parse(identity).getHeader().getKeyID());
        assertEquals(401, api.getWithToken("users/me", identity).status(), "this service refuses it");
        assertEquals(401, call("GET", APP + "/whoami", identity).status(), "also at the application's own path");
    }

    @Test
    void apiKeyReachesTheApplicationAsItsUserAndIsNeverPassedOn() throws Exception {
        var token = user(APP);
        var made = api.json("POST", "users/me/api-keys", token, "{\"name\":\"rag-script\"}");
        assertEquals(201, made.status(), made.body());
        var key = made.json().getString("key");
        var reply = call("GET", APP + "/whoami", key);
        assertEquals(200, reply.status(), reply.body());
        assertEquals(nameOf(token), reply.json().getJsonObject("claims").getString("sub"));
        assertFalse(seen().contains(key), "the key is not passed on");
    }

    @Test
    void jsonBodyIsPassedOnAndAnswered() {
        var token = user(APP);
        var reply = api.send(api.request("apps/" + APP + "/answer").header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"question\":\"どこで食べる？\"}")));
        assertEquals(200, reply.status(), reply.body());
        assertEquals("どこで食べる？", reply.json().getString("question"));
    }

    @Test
    void multipartUploadIsPassedOnWhole() throws Exception {
        var token = user(APP);
        var file = new byte[300_000];
        Arrays.fill(file, (byte) 'x');
        var boundary = "----torii" + System.nanoTime();
        var head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nMenu\r\n--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"menu.txt\"\r\n"
                + "Content-Type: text/plain\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        var tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        var body = new byte[head.length + file.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(file, 0, body, head.length, file.length);
        System.arraycopy(tail, 0, body, head.length + file.length, tail.length);
        var reply = api.send(api.request("apps/" + APP + "/documents").header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
        assertEquals(200, reply.status(), reply.body());
        assertEquals(file.length, reply.json().getInt("size"));
        assertEquals("menu.txt", reply.json().getString("filename"));
        assertEquals(nameOf(token), reply.json().getString("sub"));
    }

    @Test
    void streamedAnswerArrivesAsItIsProduced() throws Exception {
        var token = user(APP);
        var response = DIRECT.send(api.request("apps/" + APP + "/report")
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        try (var lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            assertEquals("data: part one", lines.readLine(), "the first part arrives while the rest is held back");
            assertEquals(200, direct("POST", "_test/release").statusCode());
            assertEquals("", lines.readLine());
            assertEquals("data: part two", lines.readLine());
        }
    }

    @Test
    void ungrantedUserIsRefusedAndTheApplicationSeesNothing() throws Exception {
        var token = user();
        var before = seenCount();
        var reply = call("GET", APP + "/whoami", token);
        assertEquals(403, reply.status(), reply.body());
        assertEquals(before, seenCount());
        assertEquals(401, call("GET", APP + "/whoami", "not-a-token").status());
        assertEquals(401, api.send(api.request("apps/" + APP + "/whoami").GET()).status());
        assertEquals(before, seenCount());
    }

    @Test
    void grantWithoutTheScopeIsRefused() throws Exception {
        var granted = user(APP);
        var username = nameOf(granted);
        var narrow = api.postForm("token", "username=" + username + "&password=password-" + username + "&scope=me")
                .json().getString("access_token");
        var before = seenCount();
        var reply = call("GET", APP + "/whoami", narrow);
        assertEquals(403, reply.status(), reply.body());
        assertTrue(reply.header("WWW-Authenticate").contains("app:" + APP), reply.header("WWW-Authenticate"));
        assertEquals(before, seenCount());
    }

    @Test
    void unknownApplicationIsNotFound() {
        var reply = call("GET", "no-such-app/whoami", user(APP));
        assertEquals(404, reply.status(), reply.body());
        assertTrue(reply.body().contains("no-such-app"), reply.body());
    }

    @Test
    void disabledUserIsRefusedAtOnce() throws Exception {
        var token = user(APP);
        assertEquals(200, call("GET", APP + "/whoami", token).status());
        assertEquals(200, api.json("POST", "admin/users/" + nameOf(token) + "/disable", gateway.admin(), "").status());
        var before = seenCount();
        var reply = call("GET", APP + "/whoami", token);
        assertEquals(400, reply.status(), reply.body());
        assertEquals(before, seenCount());
    }

    @Test
    void redirectWithinTheApplicationIsRewrittenAndOneInsideTheNetworkRefused() {
        var token = user(APP);
        var moved = call("GET", APP + "/moved", token);
        assertEquals(302, moved.status(), moved.body());
        assertEquals(api.uri("apps/" + APP + "/whoami?from=moved").toString(), moved.header("Location"));
        var inside = call("GET", APP + "/inside", token);
        assertEquals(502, inside.status(), inside.body());
        assertFalse(inside.body().contains("10.20.30.40"));
        assertFalse(inside.headers().toString().contains("10.20.30.40"));
    }

    @Test
    void pathThatWouldLeaveTheApplicationIsRefused() throws Exception {
        var token = user(APP);
        var before = seenCount();
        for (var path : new String[] {"%2e%2e/_test/seen", "a%2F..%2F_test/seen", "%2E/whoami", "a%5c..%5cx"}) {
            var reply = call("GET", APP + "/" + path, token);
            assertEquals(400, reply.status(), path + ": " + reply.body());
        }
        assertEquals(before, seenCount());
    }

    @Test
    void applicationThatIsDownIs502AndOneTooSlow504() {
        var token = user(APP, DOWN);
        var down = call("GET", DOWN + "/whoami", token);
        assertEquals(502, down.status(), down.body());
        assertTrue(down.body().contains("cannot be reached"), down.body());
        var slow = call("GET", APP + "/slow", token);
        assertEquals(504, slow.status(), slow.body());
    }

    @Test
    void applicationIsNoChatModel() {
        var token = user(APP);
        assertEquals(404, gateway.complete(token, Gateway.chat(APP, "Hi")).status());
        var models = api.getWithToken("v1/models", token);
        assertFalse(models.body().contains("\"" + APP + "\""), models.body());
        var mine = api.getWithToken("users/me/apps", token).array();
        JsonObject listed = mine.getJsonObject(0);
        assertEquals("api", listed.getString("kind"));
        assertEquals("/apps/" + APP + "/", listed.getString("path"));
        assertEquals("https://docs.example.com/rag", listed.getString("docs_url"));
    }

    @Test
    void callsAreCountedAndTheRateLimitApplies() throws Exception {
        var username = Gateway.fresh("user");
        assertEquals(201, api.json("POST", "admin/users", gateway.admin(), "{\"username\":\"" + username
                + "\",\"password\":\"password-" + username + "\"}").status());
        assertEquals(201, api.json("POST", "admin/apps/" + APP + "/grants", gateway.admin(),
                "{\"user\":\"" + username + "\",\"requests_per_minute\":2}").status());
        var token = api.login(username, "password-" + username);
        // Two a minute: the third of three quick calls is refused. Three that crossed the minute's end are followed by
        // three more, which cannot cross it again and find the new minute's two already taken.
        var statuses = new int[3];
        for (int attempt = 0; attempt < 2 && statuses[2] != 429; attempt++) {
            for (int i = 0; i < 3; i++) {
                statuses[i] = call("GET", APP + "/whoami", token).status();
            }
        }
        assertEquals(429, statuses[2], Arrays.toString(statuses));
        long counted = 0;
        for (int i = 0; i < 50 && counted < 2; i++) {
            var usage = api.getWithToken("users/me/usage?app=" + APP, token).array();
            counted = usage.isEmpty() ? 0 : usage.getJsonObject(0).getJsonNumber("requests").longValue();
            Thread.sleep(100);
        }
        assertTrue(counted >= 2, "forwarded calls are counted: " + counted);
    }
}
