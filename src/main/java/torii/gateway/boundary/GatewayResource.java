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
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import torii.platform.control.Scope;

/** OpenAI's chat-completions API, with a token of this service as the API key and an application id as the model. */
@Path("v1")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
@RolesAllowed("**")
@SecurityRequirement(name = Scope.SCHEME)
public class GatewayResource {

    static final String EVENT_STREAM = "text/event-stream";

    @Inject
    Completions completions;

    @GET
    @Path("models")
    @Operation(summary = "List Models", description = "The applications the caller may use and whose app:{id} scope "
            + "the token carries, in OpenAI's list shape.")
    public ModelList models(@Context SecurityContext caller) {
        return ModelList.of(completions.models((JsonWebToken) caller.getUserPrincipal()));
    }

    @POST
    @Path("chat/completions")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({MediaType.APPLICATION_JSON, EVENT_STREAM})
    @Operation(summary = "Create Chat Completion", description = "OpenAI's request body with an application id as "
            + "model; requires the scope app:{model}. With \"stream\": true the answer is an event stream of "
            + "chat.completion.chunk events ending with [DONE].")
    public CompletionStage<Response> complete(String body, @Context SecurityContext caller) {
        return completions.complete((JsonWebToken) caller.getUserPrincipal(), body)
                .thenApply(answer -> limits(answer.events() != null ? events(answer.events())
                        : Response.ok(answer.completion(), MediaType.APPLICATION_JSON_TYPE), answer.budget()).build());
    }

    /**
     * What is left of the caller's budgets, in the headers OpenAI sends: the tighter of the grant's and the key's
     * requests this minute, and of their tokens today and this month; a reset as seconds ("12s").
     */
    static Response.ResponseBuilder limits(Response.ResponseBuilder answer, Meter.Budget budget) {
        if (budget.requests() != null) {
            answer.header("x-ratelimit-limit-requests", budget.requests().limit())
                    .header("x-ratelimit-remaining-requests", budget.requests().left())
                    .header("x-ratelimit-reset-requests", budget.requests().resetSeconds() + "s");
        }
        if (budget.tokens() != null) {
            answer.header("x-ratelimit-limit-tokens", budget.tokens().limit())
                    .header("x-ratelimit-remaining-tokens", budget.tokens().left())
                    .header("x-ratelimit-reset-tokens", budget.tokens().resetSeconds() + "s");
        }
        return answer;
    }

    static Response.ResponseBuilder events(StreamingOutput stream) {
        // No-cache and no proxy buffering, so that every event reaches the caller when it is written.
        return Response.ok(stream, EVENT_STREAM).header("Cache-Control", "no-cache").header("X-Accel-Buffering", "no");
    }
}
