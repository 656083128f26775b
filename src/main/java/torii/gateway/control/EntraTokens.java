package torii.gateway.control;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import torii.apps.control.EntraClient;
import torii.platform.entity.AppRemoved;

/**
 * Access tokens from Microsoft Entra ID for the applications whose Azure OpenAI resource is reached with an Entra
 * client instead of a key, obtained by the client credentials grant (RFC 6749 section 4.4). A token is kept until 60
 * seconds before it expires, or until half its life has passed if that comes later, so that a call seldom waits for
 * Entra and never sends a token about to expire; callers of one application who find none share one request to the
 * token endpoint, so that an expiry under load is one request and not one per caller. Tokens are kept by application
 * id alone, and only for applications an operator gave an Entra client: there are never more than the configuration
 * names. A token asked for with other settings (a rotated secret, another client) is not reused.
 * <p>
 * A failure is a 502 {@code upstream_auth} in the gateway's words: the token endpoint's answer may quote the request,
 * so neither it nor the secret reaches the caller; the log names only the application, the status and the OAuth error
 * code. Nothing here shows a secret or a token in its text.
 */
@ApplicationScoped
public class EntraTokens {

    private static final Logger LOG = Logger.getLogger(EntraTokens.class.getName());

    /** The largest answer read from a token endpoint: Entra's are a few kilobytes. */
    static final long MAX_ANSWER_BYTES = 64 * 1024;

    /** Sends the client credentials form to a token endpoint: the JDK's HTTP client in the container. */
    @FunctionalInterface
    interface TokenEndpoint {
        CompletableFuture<TokenAnswer> post(URI url, String form);
    }

    /** One application's token, or the request for it in flight, and the client it was asked for with. */
    record Entry(EntraClient client, CompletableFuture<TokenAnswer.Token> token) {

        /** Whether a caller with this client may use the token, or wait for the request in flight, at that time. */
        boolean serves(EntraClient wanted, Instant now) {
            if (!client.equals(wanted)) {
                return false;
            }
            if (!token.isDone()) {
                return true;
            }
            return !token.isCompletedExceptionally() && now.isBefore(token.join().renewAt());
        }

        boolean holds(String value) {
            return token.isDone() && !token.isCompletedExceptionally() && token.join().value().equals(value);
        }
    }

    @Inject
    GatewaySettings settings;

    @Resource
    ManagedThreadFactory threadFactory;

    Clock clock = Clock.systemUTC();
    TokenEndpoint endpoint;

    private ExecutorService executor;
    private final ConcurrentMap<String, Entry> entries = new ConcurrentHashMap<>();

    public EntraTokens() {
    }

    EntraTokens(Clock clock, TokenEndpoint endpoint) {
        this.clock = clock;
        this.endpoint = endpoint;
    }

    /**
     * The JDK's HTTP client, on threads that carry the application's context (what runs when a token arrives goes on
     * to call Azure), with the gateway's connect timeout ({@code torii.gateway.connect-timeout-ms}, default 5000) and
     * its read timeout ({@code torii.gateway.read-timeout-ms}, default 120000) for the whole answer.
     */
    @PostConstruct
    void init() {
        executor = Executors.newCachedThreadPool(threadFactory);
        var client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.connectTimeout()).executor(executor).build();
        endpoint = http(client, settings.readTimeout());
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }

    static TokenEndpoint http(HttpClient client, Duration readTimeout) {
        return (url, form) -> client.sendAsync(HttpRequest.newBuilder(url).timeout(readTimeout)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Accept", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8)).build(),
                        info -> new LimitedAnswer(MAX_ANSWER_BYTES))
                .orTimeout(readTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .thenApply(response -> new TokenAnswer(response.statusCode(), response.body()));
    }

    /**
     * A token for the application's calls: the one kept if it is still fresh, else the one being asked for, else a new
     * one. Fails with a {@link torii.platform.control.Refusal} (502, {@code upstream_auth}).
     */
    public CompletionStage<String> token(String appId, EntraClient client) {
        var now = clock.instant();
        var entry = entries.get(appId);
        if (entry == null || !entry.serves(client, now)) {
            var created = new Entry[1];
            entry = entries.compute(appId, (id, old) -> old != null && old.serves(client, now) ? old
                    : (created[0] = new Entry(client, new CompletableFuture<>())));
            if (entry == created[0]) {
                fetch(appId, entry, now);
            }
        }
        return entry.token().thenApply(TokenAnswer.Token::value);
    }

    /**
     * Forgets the application's token if it is still this one, which its upstream refused: the next call asks for a
     * new one. A token another caller has already replaced stays.
     */
    public void forget(String appId, String token) {
        entries.computeIfPresent(appId, (id, entry) -> entry.holds(token) ? null : entry);
    }

    /** A deleted application's token goes with it. */
    void forget(@Observes AppRemoved removed) {
        entries.remove(removed.appId());
    }

    /** Asks for a token; its life counts from before the request, so that it is never thought fresher than it is. */
    private void fetch(String appId, Entry entry, Instant asked) {
        CompletableFuture<TokenAnswer> sent;
        try {
            sent = endpoint.post(entry.client().tokenUrl(), form(entry.client()));
        } catch (RuntimeException unsendable) {
            sent = CompletableFuture.failedFuture(unsendable);
        }
        sent.thenApply(answer -> answer.token(asked)).whenComplete((token, failure) -> {
            if (failure == null) {
                entry.token().complete(token);
                return;
            }
            var why = TokenFailure.of(failure);
            LOG.log(Level.WARNING, "No Entra ID token for application {0}: the token endpoint {1}",
                    new Object[]{appId, why.logged()});
            // Forgotten before the callers hear of it, so that the next call asks again.
            entries.remove(appId, entry);
            entry.token().completeExceptionally(why.refusal());
        });
    }

    /** The client credentials grant's form (RFC 6749 section 4.4.2), the client authenticated in the body (2.3.1). */
    static String form(EntraClient client) {
        return "grant_type=client_credentials&client_id=" + encoded(client.clientId()) + "&client_secret="
                + encoded(client.secret()) + "&scope=" + encoded(client.scope());
    }

    static String encoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
