package torii.gateway.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.core.StreamingOutput;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.eclipse.microprofile.jwt.JsonWebToken;
import torii.apps.boundary.Access;
import torii.apps.boundary.Apps;
import torii.apps.boundary.UsableApps;
import torii.apps.control.Upstreams;
import torii.apps.entity.App;
import torii.apps.entity.Backend;
import torii.apps.entity.Limits;
import torii.clients.entity.Client;
import torii.gateway.control.ChatRequest;
import torii.gateway.control.ChatTarget;
import torii.gateway.control.Echo;
import torii.gateway.control.EntraTokens;
import torii.gateway.control.GatewaySettings;
import torii.gateway.control.StreamRelay;
import torii.gateway.control.TokenUsage;
import torii.gateway.control.Upstream;
import torii.gateway.control.UpstreamErrors;
import torii.metrics.boundary.Metrics;
import torii.platform.control.Challenges;
import torii.platform.control.Printable;
import torii.platform.control.Refusal.Kind;
import torii.platform.control.Refusal;
import torii.platform.control.Scope;
import torii.platform.control.TokenClaims;

/**
 * OpenAI's chat completions for a caller: the application named as the model, if the caller may use it now, answers
 * through its backend (the built-in echo, an OpenAI-compatible upstream or an Azure OpenAI deployment), within the rate
 * limit, its usage counted. An Azure OpenAI deployment whose application has an Entra ID client is called with a token
 * from {@link EntraTokens}; when Azure refuses it with a 401, that token is forgotten, so that the next call asks
 * Entra for a new one rather than failing until it would expire: a token can be revoked, or issued before a role was
 * assigned. The call that met the 401 still fails, as a 502 {@code upstream_auth}: it is not repeated, since its
 * caller may already have been answered in part.
 */
@ApplicationScoped
public class Completions {

    /** An answer: a whole completion as JSON text, or an event stream of chunks; and what is left of the budgets. */
    public record Answer(String completion, StreamingOutput events, Meter.Budget budget) {
    }

    @Inject
    Apps apps;

    @Inject
    UsableApps usableApps;

    @Inject
    Meter usage;

    @Inject
    Upstream upstream;

    @Inject
    Upstreams upstreams;

    @Inject
    EntraTokens entraTokens;

    @Inject
    GatewaySettings settings;

    @Inject
    Metrics metrics;

    /** The chat models the caller may use and whose scope the token carries. */
    public List<App> models(JsonWebToken caller) {
        var scope = Scope.of(caller);
        return apps.usableBy(UsableApps.kindOf(caller), caller.getName(), caller.getGroups()).stream()
                .filter(app -> app.backend() != Backend.HTTP && scope.containsAll(Set.of(Scope.app(app.id()))))
                .toList();
    }

    public CompletionStage<Answer> complete(JsonWebToken caller, String body) {
        var request = ChatRequest.parse(body);
        var access = usable(caller, request.model(), Completions::notFound);
        var app = access.app();
        if (app.backend() == Backend.HTTP) {
            throw new Refusal(Kind.NOT_FOUND, "model_not_found", "The model '" + app.id() + "' is an HTTP application; "
                    + "call it at /apps/" + app.id() + "/", null);
        }
        var metered = meterOf(caller, access);
        var username = metered.name();
        var budget = usage.admit(metered);
        if (app.backend() == Backend.ECHO) {
            var echo = Echo.answer(request, app.id());
            usage.record(metered, echo.usage());
            return CompletableFuture.completedFuture(request.stream()
                    ? new Answer(null, out -> {
                        for (var chunks = echo.chunks(request.includeUsage()).iterator(); chunks.hasNext(); ) {
                            StreamRelay.send(out, chunks.next().toString());
                        }
                        StreamRelay.send(out, "[DONE]");
                    }, budget)
                    : new Answer(echo.completion().toString(), null, budget));
        }
        var upstreamBody = request.forUpstream(app.model(), username);
        var credentials = upstreams.credentialsForCall(app.id(), app.baseUrl());
        CompletionStage<Answer> answer;
        if (app.backend() == Backend.AZURE_OPENAI && credentials.entra().isPresent()) {
            answer = entraTokens.token(app.id(), credentials.entra().get()).thenCompose(token -> relay(request,
                    ChatTarget.azureWithToken(app.baseUrl(), app.model(), settings.azureApiVersion(app.id()), token),
                    upstreamBody, metered, budget).whenComplete((relayed, failure) -> {
                        if (UpstreamErrors.unauthorized(failure)) {
                            entraTokens.forget(app.id(), token);
                        }
                    }));
        } else {
            var target = app.backend() == Backend.AZURE_OPENAI
                    ? ChatTarget.azure(app.baseUrl(), app.model(), settings.azureApiVersion(app.id()), credentials.key())
                    : ChatTarget.openAi(app.baseUrl(), credentials.key());
            answer = relay(request, target, upstreamBody, metered, budget);
        }
        return answer.whenComplete((relayed, failure) -> {
            if (failure != null) {
                metrics.gatewayCall(app.id(), Metrics.UPSTREAM_ERROR);
            }
        });
    }

    /** The upstream's answer, whole or as a stream, its usage counted. */
    CompletionStage<Answer> relay(ChatRequest request, ChatTarget target, JsonObject upstreamBody,
            Meter.Caller metered, Meter.Budget budget) {
        if (request.stream()) {
            var relay = new StreamRelay(settings.readTimeout(), request.includeUsage(),
                    tokens -> usage.record(metered, tokens));
            return upstream.stream(target, upstreamBody, relay).thenApply(events -> new Answer(null, events, budget));
        }
        return upstream.complete(target, upstreamBody).whenComplete((completion, failure) -> {
            if (completion != null) {
                usage.record(metered, TokenUsage.of(completion));
            }
        }).thenApply(completion -> new Answer(completion.toString(), null, budget));
    }

    /**
     * The application of the id, if the token carries its scope and its caller may use it now. One query when it may;
     * finding out why it may not (no such application: 404, no scope or grant: 403) costs a second one.
     */
    Access usable(JsonWebToken caller, String appId, Function<String, Refusal> notFound) {
        if (!App.ID.matcher(appId).matches()) {
            // No application has such an id: asking the database would only cost a query, or fail on a NUL.
            throw notFound.apply(appId);
        }
        var access = usableApps.of(caller, appId);
        if (access.isEmpty()) {
            try {
                apps.find(appId);
            } catch (Refusal unknown) {
                throw notFound.apply(appId);
            }
        }
        Challenges.requireScopes(caller, Set.of(Scope.app(appId)));
        return access.orElseThrow(() -> Challenges.insufficientScope(Scope.app(appId)));
    }

    /** Who is metered for the call, within which limits: the grant's, and the API key's if the call came with one. */
    static Meter.Caller meterOf(JsonWebToken caller, Access access) {
        String keyId = caller.getClaim(TokenClaims.API_KEY);
        Limits keyLimits = keyId == null ? Limits.NONE : caller.getClaim(TokenClaims.API_KEY_LIMITS);
        return new Meter.Caller(metered(caller), access.app().id(), access.limits(), keyId, keyLimits);
    }

    /** Where the caller's calls are counted: a user by name, a client apart from any user of the same name. */
    public static String metered(JsonWebToken caller) {
        return TokenClaims.ofClient(caller) ? Client.METERED_PREFIX + caller.getName() : caller.getName();
    }

    static Refusal notFound(String appId) {
        return new Refusal(Kind.NOT_FOUND, "model_not_found", "The model '" + Printable.of(appId) + "' does not exist",
                null);
    }
}
