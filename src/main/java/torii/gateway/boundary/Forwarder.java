package torii.gateway.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.eclipse.microprofile.jwt.JsonWebToken;
import torii.apps.control.Upstreams;
import torii.apps.entity.Backend;
import torii.gateway.control.Forwarding;
import torii.gateway.control.GatewaySettings;
import torii.gateway.control.TokenUsage;
import torii.gateway.control.Upstream;
import torii.metrics.boundary.Metrics;
import torii.platform.control.Printable;
import torii.platform.control.Refusal.Kind;
import torii.platform.control.Refusal;

/**
 * Passes a caller's request on to an HTTP application they may use, as a reverse proxy: below the application's base
 * URL, with the caller's identity in place of their token, within the rate limit, counted as a call.
 */
@ApplicationScoped
public class Forwarder {

    /** A request as the caller sent it, its path and query still percent-encoded. */
    public record Incoming(String method, String rawPath, String rawQuery, Map<String, List<String>> headers,
            Supplier<InputStream> body, long length, boolean hasBody, String clientAddress, URI publicBase) {
    }

    /** What the application answered, with what is left of the caller's budgets. */
    public record Answer(Upstream.Relayed relayed, Meter.Budget budget, URI requested, String baseUrl) {
    }

    @Inject
    Completions completions;

    @Inject
    Meter meter;

    @Inject
    Identities identities;

    @Inject
    Upstream upstream;

    @Inject
    Upstreams upstreams;

    @Inject
    GatewaySettings settings;

    @Inject
    Metrics metrics;

    public CompletionStage<Answer> forward(JsonWebToken caller, String appId, Incoming incoming) {
        var access = completions.usable(caller, appId, Forwarder::notFound);
        var app = access.app();
        if (app.backend() != Backend.HTTP) {
            throw new Refusal(Kind.NOT_FOUND, "not_found", "The application '" + app.id() + "' is a chat model; call "
                    + "it through /v1/chat/completions", null);
        }
        var target = Forwarding.target(app.baseUrl(), incoming.rawPath(), incoming.rawQuery());
        var metered = Completions.meterOf(caller, access);
        var budget = meter.admit(metered);
        var key = upstreams.keyForCall(app.id(), app.baseUrl());
        var keyHeader = upstreams.keyHeader(app.id());
        var identity = identities.of(caller, app.id());
        var body = !incoming.hasBody() ? HttpRequest.BodyPublishers.noBody()
                : incoming.length() >= 0
                ? HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(incoming.body()),
                        incoming.length())
                : HttpRequest.BodyPublishers.ofInputStream(incoming.body());
        HttpRequest built;
        try {
            var request = HttpRequest.newBuilder(target).timeout(settings.readTimeout());
            Forwarding.requestHeaders(incoming.headers(), keyHeader, request::header);
            key.ifPresent(value -> request.header(keyHeader, value));
            built = request.header("Authorization", "Bearer " + identity)
                    .header("X-Forwarded-For", incoming.clientAddress())
                    .header("X-Forwarded-Proto", incoming.publicBase().getScheme())
                    .header("X-Forwarded-Host", hostOf(incoming.publicBase()))
                    .header("X-Forwarded-Prefix", prefix(app.id()))
                    .method(incoming.method(), body).build();
        } catch (IllegalArgumentException unsendable) {
            // A header name or value the HTTP client refuses to send.
            throw new Refusal(Kind.INVALID, "invalid_header", "A request header cannot be passed on", null);
        }
        return upstream.forward(built).whenComplete((relayed, failure) -> {
            if (relayed != null) {
                meter.record(metered, TokenUsage.NONE);
            } else {
                metrics.gatewayCall(app.id(), Metrics.UPSTREAM_ERROR);
            }
        }).thenApply(relayed -> new Answer(relayed, budget, target, app.baseUrl()));
    }

    /** Where the application is on this service: what its links and redirects are rewritten below. */
    public static String prefix(String appId) {
        return "/apps/" + appId;
    }

    static String hostOf(URI base) {
        return base.getPort() == -1 ? base.getHost() : base.getHost() + ":" + base.getPort();
    }

    static Refusal notFound(String appId) {
        return new Refusal(Kind.NOT_FOUND, "not_found", "The application '" + Printable.of(appId) + "' does not exist",
                null);
    }
}
