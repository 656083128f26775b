package torii.gateway.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.StreamingOutput;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import torii.Torii;
import torii.apps.boundary.Apps;
import torii.apps.boundary.UsableApps;
import torii.apps.control.Upstreams;
import torii.apps.entity.App;
import torii.apps.entity.Backend;
import torii.errors.boundary.ApiException;
import torii.gateway.control.ChatRequest;
import torii.gateway.control.Echo;
import torii.gateway.control.GatewaySettings;
import torii.gateway.control.StreamRelay;
import torii.gateway.control.TokenUsage;
import torii.gateway.control.Upstream;
import torii.metrics.boundary.Metrics;
import torii.security.boundary.Challenges;
import torii.security.boundary.ScopesFilter;
import torii.tokens.control.Scope;

/** OpenAI's chat-completions API, with a token of this service as the API key and an application id as the model. */
@Path("v1")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
@RolesAllowed("**")
@SecurityRequirement(name = Torii.OAUTH2)
public class GatewayResource {

    static final String EVENT_STREAM = "text/event-stream";

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
    GatewaySettings settings;

    @Inject
    Metrics metrics;

    @GET
    @Path("models")
    @Operation(summary = "List Models", description = "The applications the caller may use and whose app:{id} scope "
            + "the token carries, in OpenAI's list shape.")
    public ModelList models(@Context SecurityContext caller) {
        var token = (JsonWebToken) caller.getUserPrincipal();
        var scope = Scope.of(token);
        return ModelList.of(apps.usableBy(token.getName(), token.getGroups()).stream()
                .filter(app -> scope.containsAll(Set.of(Scope.app(app.id())))).toList());
    }

    @POST
    @Path("chat/completions")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({MediaType.APPLICATION_JSON, EVENT_STREAM})
    @Operation(summary = "Create Chat Completion", description = "OpenAI's request body with an application id as "
            + "model; requires the scope app:{model}. With \"stream\": true the answer is an event stream of "
            + "chat.completion.chunk events ending with [DONE].")
    public CompletionStage<Response> complete(String body, @Context SecurityContext caller) {
        var token = (JsonWebToken) caller.getUserPrincipal();
        var request = ChatRequest.parse(body);
        var app = usable(token, request.model());
        var username = token.getName();
        usage.admit(username, app.id());
        if (app.backend() == Backend.ECHO) {
            var echo = Echo.answer(request, app.id());
            usage.record(username, app.id(), echo.usage());
            return CompletableFuture.completedFuture(request.stream()
                    ? events(out -> {
                        for (var chunks = echo.chunks(request.includeUsage()).iterator(); chunks.hasNext(); ) {
                            StreamRelay.send(out, chunks.next().toString());
                        }
                        StreamRelay.send(out, "[DONE]");
                    })
                    : Response.ok(echo.completion().toString(), MediaType.APPLICATION_JSON_TYPE).build());
        }
        var upstreamBody = request.forUpstream(app.model(), username);
        var key = upstreams.keyForCall(app.id(), app.baseUrl());
        if (request.stream()) {
            var relay = new StreamRelay(settings.readTimeout(), request.includeUsage(),
                    tokens -> usage.record(username, app.id(), tokens));
            return upstream.stream(app.baseUrl(), key, upstreamBody, relay).whenComplete((started, failure) -> {
                if (failure != null) {
                    metrics.gatewayCall(app.id(), Metrics.UPSTREAM_ERROR);
                }
            }).thenApply(GatewayResource::events);
        }
        return upstream.complete(app.baseUrl(), key, upstreamBody).whenComplete((completion, failure) -> {
            if (completion != null) {
                usage.record(username, app.id(), TokenUsage.of(completion));
            } else {
                metrics.gatewayCall(app.id(), Metrics.UPSTREAM_ERROR);
            }
        }).thenApply(completion -> Response.ok(completion.toString(), MediaType.APPLICATION_JSON_TYPE).build());
    }

    /**
     * The application named as the model, if the token carries its scope and its user may use it now. One query when
     * it may; finding out why it may not (no such model: 404, no scope or grant: 403) costs a second one.
     */
    App usable(JsonWebToken token, String appId) {
        if (!App.ID.matcher(appId).matches()) {
            // No application has such an id: asking the database would only cost a query, or fail on a NUL.
            throw new ApiException(404, "model_not_found", "The model '" + printable(appId) + "' does not exist", null);
        }
        var app = usableApps.of(token.getName(), token.getGroups(), appId);
        if (app.isEmpty()) {
            try {
                apps.find(appId);
            } catch (ApiException notFound) {
                throw new ApiException(404, "model_not_found", "The model '" + appId + "' does not exist", null);
            }
        }
        ScopesFilter.require(token, Set.of(Scope.app(appId)));
        return app.orElseThrow(() -> Challenges.insufficientScope(Scope.app(appId)));
    }

    /** A name as an error may quote it: anything can arrive, control characters and megabytes among them. */
    static String printable(String name) {
        var shown = name.codePoints().limit(64).map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return name.codePointCount(0, name.length()) > 64 ? shown + "…" : shown;
    }

    static Response events(StreamingOutput stream) {
        // No-cache and no proxy buffering, so that every event reaches the caller when it is written.
        return Response.ok(stream, EVENT_STREAM).header("Cache-Control", "no-cache").header("X-Accel-Buffering", "no")
                .build();
    }
}
