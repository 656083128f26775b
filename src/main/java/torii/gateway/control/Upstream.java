package torii.gateway.control;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodySubscribers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeoutException;
import java.net.http.HttpTimeoutException;
import torii.platform.control.LimitedBody;
import java.util.concurrent.TimeUnit;
import torii.platform.control.JsonObjects;
import torii.platform.control.Refusal.Kind;
import torii.platform.control.Refusal;

/**
 * Calls OpenAI-compatible upstreams and Azure OpenAI deployments, each a {@link ChatTarget}, with one HTTP client for
 * the application, asynchronously, so that no request thread waits for a model. The client's threads carry the
 * application's context, so that what runs on them when an answer arrives (writing it, counting its usage) may call
 * EJBs.
 */
@ApplicationScoped
public class Upstream {

    @Inject
    GatewaySettings settings;

    @Resource
    ManagedThreadFactory threadFactory;

    /** The HTTP client's own work: handing on bytes and answers, never waiting for a caller. */
    private ExecutorService executor;
    /** A thread per stream being written to its caller, at most torii.gateway.max-streams at once. */
    private ThreadPoolExecutor writers;
    private HttpClient client;

    @PostConstruct
    void init() {
        executor = Executors.newCachedThreadPool(threadFactory);
        writers = new ThreadPoolExecutor(settings.maxStreams(), settings.maxStreams(), 60, TimeUnit.SECONDS,
                new SynchronousQueue<>(), threadFactory, new ThreadPoolExecutor.AbortPolicy());
        writers.allowCoreThreadTimeOut(true);
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(settings.connectTimeout())
                .executor(executor).build();
    }

    @PreDestroy
    void stop() {
        writers.shutdownNow();
        executor.shutdownNow();
    }

    /** The whole completion, or a failure mapped by {@link UpstreamErrors}. */
    public CompletionStage<JsonObject> complete(ChatTarget target, JsonObject body) {
        // The request's timeout ends with the response's headers; the body is bounded here too.
        return send(target, body, info -> new LimitedAnswer(settings.maxAnswerBytes()))
                .orTimeout(settings.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .handle((response, failure) -> {
                    if (failure != null) {
                        throw UpstreamErrors.of(failure);
                    }
                    if (response.statusCode() / 100 != 2) {
                        throw UpstreamErrors.of(response.statusCode(), response.body(), retryAfter(response.headers()));
                    }
                    return completion(response.body());
                });
    }

    /**
     * The relay, once the upstream has begun a successful event stream; a failure before that is mapped by
     * {@link UpstreamErrors}, so that the caller still gets a status that tells.
     */
    public CompletionStage<StreamingOutput> stream(ChatTarget target, JsonObject body, StreamRelay relay) {
        var ready = new CompletableFuture<StreamingOutput>();
        send(target, body, info -> {
            if (info.statusCode() / 100 == 2 && isEventStream(info.headers())) {
                // Written on a thread of its own: this one is the client's, and must go on to deliver the body.
                try {
                    writers.execute(() -> ready.complete(relay));
                } catch (RejectedExecutionException full) {
                    ready.completeExceptionally(Refusal.retryLater(Kind.BUSY, "server_busy",
                            "Too many streams at once; try again shortly", 1));
                    relay.cancel();
                }
                return BodySubscribers.fromLineSubscriber(relay, subscriber -> "", StandardCharsets.UTF_8, null);
            }
            return new LimitedAnswer(settings.maxAnswerBytes());
        }).whenComplete((response, failure) -> {
            if (ready.isDone()) {
                return;
            }
            if (failure != null) {
                ready.completeExceptionally(UpstreamErrors.of(failure));
            } else if (response.statusCode() / 100 != 2) {
                ready.completeExceptionally(UpstreamErrors.of(response.statusCode(), response.body(),
                        retryAfter(response.headers())));
            } else {
                // A success that is not an event stream; after a relayed stream this changes nothing.
                ready.completeExceptionally(UpstreamErrors.garbage());
            }
        });
        return ready;
    }

    <T> CompletableFuture<HttpResponse<T>> send(ChatTarget target, JsonObject body,
            HttpResponse.BodyHandler<T> handler) {
        HttpRequest.Builder request;
        try {
            request = HttpRequest.newBuilder(URI.create(target.url()));
        } catch (IllegalArgumentException malformed) {
            return CompletableFuture.failedFuture(UpstreamErrors.unreachable());
        }
        request.timeout(settings.readTimeout()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
        target.keyValue().ifPresent(value -> request.header(target.keyHeader(), value));
        return client.sendAsync(request.build(), handler);
    }

    /** What an HTTP application answered: its status and headers, and its body as it arrives. */
    public record Relayed(int status, HttpHeaders headers, ByteRelay body) {
    }

    /**
     * Sends a request on to an HTTP application from a thread of its own (at most torii.gateway.max-streams at once,
     * as streams; beyond that, 503), which then writes the answer to the caller: the answer is ready as soon as its
     * status and headers are, and its body follows as it arrives. The exchange waits on that thread rather than
     * asynchronously, so that no step of it runs on the JDK's default executor, which on a machine of two cores starts
     * a thread for every step and lacks the application's context. A failure before the headers is 504 when the
     * application is too slow, 413 when the caller's body passed its limit while it was sent, and 502 otherwise.
     */
    public CompletionStage<Relayed> forward(HttpRequest request) {
        var ready = new CompletableFuture<Relayed>();
        try {
            writers.execute(() -> {
                var relay = new ByteRelay(settings.readTimeout());
                try {
                    var response = client.send(request, info -> relay);
                    ready.complete(new Relayed(response.statusCode(), response.headers(), relay));
                } catch (IOException failure) {
                    ready.completeExceptionally(forwardFailure(failure));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    ready.completeExceptionally(forwardFailure(interrupted));
                }
            });
        } catch (RejectedExecutionException full) {
            throw Refusal.retryLater(Kind.BUSY, "server_busy", "Too many answers being relayed at once; try again "
                    + "shortly", 1);
        }
        return ready;
    }

    /**
     * The status of a GET to the URL with the given headers; the body is never read, its connection closed. Fails as
     * {@link #forward} does.
     */
    public CompletionStage<Integer> probe(URI url, Map<String, String> headers) {
        var request = HttpRequest.newBuilder(url).timeout(settings.checkTimeout()).GET();
        headers.forEach(request::header);
        return client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofInputStream()).handle((response, failure) -> {
            if (failure != null) {
                throw forwardFailure(failure);
            }
            try (var body = response.body()) {
                return response.statusCode();
            } catch (IOException ignored) {
                return response.statusCode();
            }
        });
    }

    static Refusal forwardFailure(Throwable failure) {
        for (var cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof Refusal refusal) {
                return refusal;
            }
            if (cause instanceof LimitedBody.TooLarge tooLarge) {
                return new Refusal(Kind.TOO_LARGE, "request_too_large", tooLarge.getMessage(), null);
            }
            if (cause instanceof HttpTimeoutException || cause instanceof TimeoutException) {
                return new Refusal(Kind.UPSTREAM_TIMEOUT, "upstream_timeout", "The application did not answer in time",
                        null);
            }
        }
        return new Refusal(Kind.UPSTREAM_FAILED, "upstream_unavailable", "The application cannot be reached", null);
    }

    static JsonObject completion(String body) {
        return JsonObjects.onlyObject(body).filter(object -> object.get("choices") != null
                && object.get("choices").getValueType() == JsonValue.ValueType.ARRAY)
                .orElseThrow(UpstreamErrors::garbage);
    }

    static boolean isEventStream(HttpHeaders headers) {
        return headers.firstValue("Content-Type").map(type -> type.toLowerCase().startsWith("text/event-stream"))
                .orElse(false);
    }

    static Optional<String> retryAfter(HttpHeaders headers) {
        return headers.firstValue("Retry-After");
    }
}
