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
                .thenApply(answer -> answer.events() != null ? events(answer.events())
                        : Response.ok(answer.completion(), MediaType.APPLICATION_JSON_TYPE).build());
    }

    static Response events(StreamingOutput stream) {
        // No-cache and no proxy buffering, so that every event reaches the caller when it is written.
        return Response.ok(stream, EVENT_STREAM).header("Cache-Control", "no-cache").header("X-Accel-Buffering", "no")
                .build();
    }
}
