package torii.apikeys.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriBuilder;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import torii.platform.control.Scope;

/** The caller's own API keys, for scripts that call their applications at /v1. */
@Path("users/me/api-keys")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@ApplicationScoped
@RolesAllowed("**")
@SecurityRequirement(name = Scope.SCHEME, scopes = Scope.ME)
public class ApiKeysResource {

    @Inject
    ApiKeys keys;

    @GET
    @Operation(summary = "List Own API Keys", description = "Without their values, which were shown once.")
    public List<ApiKeyInfo> mine(@Context SecurityContext caller) {
        return keys.of(caller.getUserPrincipal().getName()).stream().map(ApiKeyInfo::of).toList();
    }

    @POST
    @Operation(summary = "Create Own API Key", description = "For /v1 only; the key is in this answer only. apps left "
            + "out: all your applications at the time of each call; expires_in_days left out: the longest allowed.")
    public Response create(@Valid @NotNull ApiKeyForm form, @Context SecurityContext caller) {
        var made = keys.create(caller.getUserPrincipal().getName(), form);
        return Response.created(UriBuilder.fromPath("/users/me/api-keys/{id}").build(made.id())).entity(made)
                .header(HttpHeaders.CACHE_CONTROL, "no-store").header("Pragma", "no-cache").build();
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete Own API Key", description = "It stops working at once.")
    public Response delete(@PathParam("id") String id, @Context SecurityContext caller) {
        keys.delete(caller.getUserPrincipal().getName(), id);
        return Response.noContent().build();
    }
}
