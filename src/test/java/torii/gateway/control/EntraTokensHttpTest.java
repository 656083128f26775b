package torii.gateway.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import torii.apps.control.EntraClient;
import torii.platform.control.Refusal;

/** The token endpoint reached over HTTP, as the container reaches it: a form posted, JSON read, within the timeouts. */
class EntraTokensHttpTest {

    static final String SECRET = "s3cret&with=form+characters";

    HttpServer server;
    volatile Map<String, String> lastForm;
    volatile String lastContentType;
    volatile int delayMillis;
    volatile String answer = "{\"token_type\":\"Bearer\",\"expires_in\":3599,\"access_token\":\"eyJ0.eyJ1.sig\"}";
    volatile int status = 200;
    HttpClient client;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/tenant-x/oauth2/v2.0/token", this::answer);
        server.start();
        client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            lastContentType = exchange.getRequestHeaders().getFirst("Content-Type");
            lastForm = Arrays.stream(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)
                    .split("&")).map(pair -> pair.split("=", 2)).collect(Collectors.toMap(
                            pair -> decode(pair[0]), pair -> decode(pair[1])));
            if (delayMillis > 0) {
                Thread.sleep(delayMillis);
            }
            var bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    EntraTokens tokens(Duration readTimeout) {
        return new EntraTokens(Clock.systemUTC(), EntraTokens.http(client, readTimeout));
    }

    EntraClient entra() {
        return new EntraClient("torii-test", SECRET, URI.create("http://127.0.0.1:" + server.getAddress().getPort()
                + "/tenant-x/oauth2/v2.0/token"), EntraClient.COGNITIVE_SERVICES);
    }

    Refusal refusal(EntraTokens tokens) {
        var thrown = assertThrows(CompletionException.class,
                () -> tokens.token("azure-entra", entra()).toCompletableFuture().join());
        return assertInstanceOf(Refusal.class, thrown.getCause());
    }

    @Test
    void postsTheGrantAsAFormAndReadsTheToken() {
        assertEquals("eyJ0.eyJ1.sig", tokens(Duration.ofSeconds(2)).token("azure-entra", entra())
                .toCompletableFuture().join());
        assertEquals("application/x-www-form-urlencoded", lastContentType);
        assertEquals(Map.of("grant_type", "client_credentials", "client_id", "torii-test", "client_secret", SECRET,
                "scope", "https://cognitiveservices.azure.com/.default"), lastForm);
    }

    @Test
    void aRefusalIs502WithoutTheEndpointsWords() {
        status = 401;
        answer = "{\"error\":\"invalid_client\",\"error_description\":\"AADSTS7000215: Invalid client secret "
                + "provided. Ensure the secret being sent in the request is the client secret value\","
                + "\"error_codes\":[7000215]}";
        var refusal = refusal(tokens(Duration.ofSeconds(2)));
        assertEquals(502, refusal.kind().status());
        assertEquals("upstream_auth", refusal.error());
        assertFalse(refusal.getMessage().contains("AADSTS"), refusal.getMessage());
        assertFalse(refusal.getMessage().contains(SECRET), refusal.getMessage());
    }

    @Test
    void aSlowEndpointIs502WithinTheReadTimeout() {
        delayMillis = 1500;
        var started = System.nanoTime();
        var refusal = refusal(tokens(Duration.ofMillis(200)));
        assertTrue(refusal.getMessage().contains("did not answer in time"), refusal.getMessage());
        assertTrue(System.nanoTime() - started < Duration.ofMillis(1400).toNanos());
    }

    @Test
    void anAnswerPastItsLimitIsNoToken() {
        answer = "{\"token_type\":\"Bearer\",\"expires_in\":3599,\"access_token\":\""
                + "a".repeat((int) EntraTokens.MAX_ANSWER_BYTES) + "\"}";
        assertTrue(refusal(tokens(Duration.ofSeconds(2))).getMessage().contains("not a bearer token"));
    }

    @Test
    void anEndpointThatIsNotThereIs502() throws IOException {
        server.stop(0);
        assertTrue(refusal(tokens(Duration.ofSeconds(2))).getMessage().contains("cannot be reached"));
    }
}
