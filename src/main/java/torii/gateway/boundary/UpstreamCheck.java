package torii.gateway.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import torii.apps.boundary.Apps;
import torii.apps.control.Upstreams;
import torii.apps.entity.App;
import torii.apps.entity.Backend;
import torii.gateway.control.EntraTokens;
import torii.gateway.control.GatewaySettings;
import torii.gateway.control.Upstream;
import torii.platform.control.Refusal;

/**
 * Whether an application's upstream answers, by one cheap call with the credentials a call would carry: the model list
 * of an OpenAI-compatible server or of an Azure OpenAI resource, the base URL of an HTTP application. Any answer counts
 * as reachable; its status says whether the credentials were taken. The same address rules hold as for calls, so an
 * administrator cannot use the check to reach what the gateway may not.
 */
@ApplicationScoped
public class UpstreamCheck {

    @Inject
    Apps apps;

    @Inject
    Upstreams upstreams;

    @Inject
    Upstream upstream;

    @Inject
    EntraTokens entraTokens;

    @Inject
    GatewaySettings settings;

    /** The outcome; components are named as the JSON fields are. */
    @JsonbPropertyOrder({"app", "reachable", "status", "millis", "detail"})
    public record Result(String app, boolean reachable, Integer status, long millis, String detail) {
    }

    public Result check(String appId) {
        var app = apps.find(appId);
        if (app.backend() == Backend.ECHO) {
            return new Result(app.id(), true, null, 0, "built in: there is nothing to reach");
        }
        var started = System.nanoTime();
        try {
            var call = call(app);
            int status = upstream.probe(call.url(), call.headers()).toCompletableFuture()
                    .get(settings.checkTimeout().toMillis(), TimeUnit.MILLISECONDS);
            return new Result(app.id(), true, status, since(started), "answered " + status
                    + (status == 401 || status == 403 ? ": the credentials were refused" : ""));
        } catch (Refusal refused) {
            return new Result(app.id(), false, null, since(started), refused.getMessage());
        } catch (TimeoutException slow) {
            return new Result(app.id(), false, null, since(started), "no answer within "
                    + settings.checkTimeout().toMillis() + " ms");
        } catch (ExecutionException failed) {
            return new Result(app.id(), false, null, since(started), failed.getCause() instanceof Refusal refused
                    ? refused.getMessage() : "cannot be reached");
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return new Result(app.id(), false, null, since(started), "interrupted");
        }
    }

    record Call(URI url, Map<String, String> headers) {
    }

    /** Where the check goes and what it carries; a refusal when the application may not be called. */
    Call call(App app) throws ExecutionException, InterruptedException, TimeoutException {
        var credentials = upstreams.credentialsForCall(app.id(), app.baseUrl());
        var base = app.baseUrl().endsWith("/") ? app.baseUrl().substring(0, app.baseUrl().length() - 1)
                : app.baseUrl();
        return switch (app.backend()) {
            case OPENAI -> new Call(URI.create(base + "/models"),
                    credentials.key().map(key -> Map.of("Authorization", "Bearer " + key)).orElse(Map.of()));
            case AZURE_OPENAI -> {
                var url = URI.create(base + "/openai/models?api-version="
                        + URLEncoder.encode(settings.azureApiVersion(app.id()), StandardCharsets.UTF_8));
                if (credentials.entra().isPresent()) {
                    var token = entraTokens.token(app.id(), credentials.entra().get()).toCompletableFuture()
                            .get(settings.checkTimeout().toMillis(), TimeUnit.MILLISECONDS);
                    yield new Call(url, Map.of("Authorization", "Bearer " + token));
                }
                yield new Call(url, credentials.key().map(key -> Map.of("api-key", key)).orElse(Map.of()));
            }
            case HTTP -> new Call(URI.create(app.baseUrl()),
                    credentials.key().map(key -> Map.of(upstreams.keyHeader(app.id()), key)).orElse(Map.of()));
            case ECHO -> throw new IllegalStateException("the built-in echo has no upstream");
        };
    }

    static long since(long started) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    }
}
