package torii.gateway.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import torii.apps.control.EntraClient;
import torii.platform.control.Refusal;

/** The token cache with a clock of the test's and a token endpoint that answers what the test tells it. */
class EntraTokensTest {

    static final String SECRET = "entra-secret-never-shown";
    static final EntraClient CLIENT = new EntraClient("client-1", SECRET,
            URI.create("https://login.example/tenant-x/oauth2/v2.0/token"), EntraClient.COGNITIVE_SERVICES);
    static final Instant NOW = Instant.parse("2025-01-01T10:00:00Z");

    final List<String> forms = new ArrayList<>();
    final AtomicInteger issued = new AtomicInteger();
    /** What the endpoint answers next; by default a new token of an hour. */
    volatile CompletableFuture<TokenAnswer> next;
    EntraTokens tokens;
    final List<LogRecord> logged = new ArrayList<>();
    final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void setUp() {
        tokens = new EntraTokens(at(NOW), (url, form) -> {
            synchronized (forms) {
                forms.add(form);
            }
            var answer = next;
            return answer != null ? answer : CompletableFuture.completedFuture(token(3599));
        });
        Logger.getLogger(EntraTokens.class.getName()).addHandler(capture);
    }

    @AfterEach
    void tearDown() {
        Logger.getLogger(EntraTokens.class.getName()).removeHandler(capture);
    }

    static Clock at(Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }

    TokenAnswer token(long expiresIn) {
        return new TokenAnswer(200, "{\"token_type\":\"Bearer\",\"expires_in\":" + expiresIn
                + ",\"ext_expires_in\":" + expiresIn + ",\"access_token\":\"eyJ0eXAi.token-" + issued.incrementAndGet()
                + "\"}");
    }

    String tokenNow() {
        return tokens.token("azure-entra", CLIENT).toCompletableFuture().join();
    }

    Refusal refusal() {
        var failure = tokens.token("azure-entra", CLIENT).toCompletableFuture();
        var thrown = org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class, failure::join);
        return assertInstanceOf(Refusal.class, thrown.getCause());
    }

    @Test
    void asksWithTheClientCredentialsGrant() {
        tokenNow();
        assertEquals(List.of("grant_type=client_credentials&client_id=client-1&client_secret=entra-secret-never-shown"
                + "&scope=https%3A%2F%2Fcognitiveservices.azure.com%2F.default"), forms);
    }

    @Test
    void keepsTheTokenUntilAMinuteBeforeItExpires() {
        var first = tokenNow();
        assertEquals(first, tokenNow());
        tokens.clock = at(NOW.plusSeconds(3599 - 61));
        assertEquals(first, tokenNow());
        assertEquals(1, forms.size());
        tokens.clock = at(NOW.plusSeconds(3599 - 60));
        var second = tokenNow();
        assertFalse(first.equals(second));
        assertEquals(2, forms.size());
        assertEquals(second, tokenNow());
    }

    @Test
    void keepsAShortLivedTokenHalfItsLife() {
        next = CompletableFuture.completedFuture(token(90));
        var first = tokenNow();
        tokens.clock = at(NOW.plusSeconds(44));
        assertEquals(first, tokenNow());
        next = null;
        tokens.clock = at(NOW.plusSeconds(45));
        assertFalse(first.equals(tokenNow()));
    }

    @Test
    void takesExpiresInAsTextAndBelievesADayAtMost() {
        next = CompletableFuture.completedFuture(new TokenAnswer(200,
                "{\"token_type\":\"bearer\",\"expires_in\":\"99999999\",\"access_token\":\"abc\"}"));
        assertEquals("abc", tokenNow());
        next = null;
        tokens.clock = at(NOW.plus(Duration.ofDays(1)));
        assertFalse(tokenNow().equals("abc"));
    }

    @Test
    void concurrentCallersShareOneRequest() throws Exception {
        var pending = new CompletableFuture<TokenAnswer>();
        next = pending;
        var callers = 16;
        var ready = new CountDownLatch(callers);
        var start = new CountDownLatch(1);
        var results = new ConcurrentLinkedQueue<CompletableFuture<String>>();
        var pool = Executors.newFixedThreadPool(callers);
        try {
            for (var i = 0; i < callers; i++) {
                pool.execute(() -> {
                    ready.countDown();
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    results.add(tokens.token("azure-entra", CLIENT).toCompletableFuture());
                });
            }
            ready.await();
            start.countDown();
            pool.shutdown();
            assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, forms.size());
        results.forEach(result -> assertFalse(result.isDone(), "waits for the request in flight"));
        pending.complete(token(3599));
        results.forEach(result -> assertEquals("eyJ0eXAi.token-1", result.join()));
    }

    @Test
    void aRefusedClientIs502UpstreamAuthWithoutTheSecretOrTheAnswer() {
        next = CompletableFuture.completedFuture(new TokenAnswer(401, "{\"error\":\"invalid_client\","
                + "\"error_description\":\"AADSTS7000215: Invalid client secret provided: " + SECRET + "\","
                + "\"error_codes\":[7000215],\"trace_id\":\"t\"}"));
        var refusal = refusal();
        assertEquals(502, refusal.kind().status());
        assertEquals("upstream_auth", refusal.error());
        assertTrue(refusal.getMessage().contains("status 401"), refusal.getMessage());
        assertNoSecrets(refusal.getMessage());
        assertFalse(refusal.getMessage().contains("Invalid client secret"), refusal.getMessage());
        assertEquals(1, logged.size());
        var line = logged.get(0).getParameters()[1].toString();
        assertTrue(line.contains("invalid_client (AADSTS7000215)"), line);
        assertNoSecrets(line);
    }

    @Test
    void aFailureIsNotKeptSoTheNextCallAsksAgain() {
        next = CompletableFuture.completedFuture(new TokenAnswer(500, "oops"));
        refusal();
        next = null;
        assertEquals("eyJ0eXAi.token-1", tokenNow());
        assertEquals(2, forms.size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "[]", "{}", "{\"access_token\":\"abc\",\"expires_in\":3599}",
            "{\"access_token\":\"abc\",\"token_type\":\"mac\",\"expires_in\":3599}",
            "{\"access_token\":\"abc\",\"token_type\":\"Bearer\"}",
            "{\"access_token\":\"abc\",\"token_type\":\"Bearer\",\"expires_in\":0}",
            "{\"access_token\":\"abc\",\"token_type\":\"Bearer\",\"expires_in\":-5}",
            "{\"access_token\":\"abc\",\"token_type\":\"Bearer\",\"expires_in\":\"soon\"}",
            "{\"access_token\":\"abc\\r\\nX-Injected: 1\",\"token_type\":\"Bearer\",\"expires_in\":3599}",
            "{\"access_token\":\"\",\"token_type\":\"Bearer\",\"expires_in\":3599}",
            "{\"access_token\":42,\"token_type\":\"Bearer\",\"expires_in\":3599}"})
    void anAnswerThatIsNoBearerTokenIs502(String body) {
        next = CompletableFuture.completedFuture(new TokenAnswer(200, body));
        var refusal = refusal();
        assertEquals("upstream_auth", refusal.error());
        assertTrue(refusal.getMessage().contains("not a bearer token"), refusal.getMessage());
    }

    @Test
    void anUnreachableOrSlowEndpointIs502() {
        next = CompletableFuture.failedFuture(new java.net.ConnectException("Connection refused"));
        assertTrue(refusal().getMessage().contains("cannot be reached"));
        next = CompletableFuture.failedFuture(new java.net.http.HttpTimeoutException("request timed out"));
        assertTrue(refusal().getMessage().contains("did not answer in time"));
        tokens = new EntraTokens(at(NOW), (url, form) -> {
            throw new IllegalArgumentException("unsendable " + form);
        });
        var refusal = refusal();
        assertEquals(502, refusal.kind().status());
        assertNoSecrets(refusal.getMessage());
    }

    @Test
    void aTokenTheUpstreamRefusedIsForgotten() {
        var first = tokenNow();
        tokens.forget("azure-entra", first);
        var second = tokenNow();
        assertFalse(first.equals(second));
        tokens.forget("azure-entra", first);
        assertEquals(second, tokenNow(), "a token already replaced stays replaced, not its successor");
        assertEquals(2, forms.size());
    }

    @Test
    void anotherClientForTheApplicationGetsATokenOfItsOwn() {
        var first = tokenNow();
        var rotated = new EntraClient(CLIENT.clientId(), "rotated-secret", CLIENT.tokenUrl(), CLIENT.scope());
        var second = tokens.token("azure-entra", rotated).toCompletableFuture().join();
        assertFalse(first.equals(second));
        assertEquals(second, tokens.token("azure-entra", rotated).toCompletableFuture().join());
    }

    @Test
    void applicationsHaveTokensOfTheirOwn() {
        var first = tokenNow();
        assertFalse(first.equals(tokens.token("azure-other", CLIENT).toCompletableFuture().join()));
        tokens.forget(new torii.platform.entity.AppRemoved("azure-entra"));
        assertFalse(first.equals(tokenNow()), "a deleted application's token is gone");
    }

    @Test
    void noTextShowsTheSecretOrTheToken() {
        var answer = token(3599);
        var token = answer.token(NOW);
        assertNoSecrets(CLIENT.toString());
        assertFalse(answer.toString().contains("eyJ"), answer.toString());
        assertFalse(token.toString().contains("eyJ"), token.toString());
        assertFalse(new EntraTokens.Entry(CLIENT, CompletableFuture.completedFuture(token)).toString().contains("eyJ"));
    }

    static void assertNoSecrets(String text) {
        assertFalse(text.contains(SECRET), text);
        assertFalse(text.contains("eyJ"), text);
    }
}
