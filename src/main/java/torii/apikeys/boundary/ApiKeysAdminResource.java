package torii.apikeys.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import torii.platform.boundary.QueryParameters;
import torii.platform.control.Scope;

/** Every user's API keys, for administrators: listed without their values, and deleted. */
@Path("admin/api-keys")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
@RolesAllowed("admin")
@SecurityRequirement(name = Scope.SCHEME, scopes = Scope.ADMIN)
public class ApiKeysAdminResource {

    @Inject
    ApiKeys keys;

    @GET
    @Operation(summary = "List API Keys", description = "Of every user, or of one; by user and age.")
    @Parameter(name = "username", in = ParameterIn.QUERY, description = "Only this user's keys")
    @Parameter(name = "page", in = ParameterIn.QUERY, description = "Page number, from 0")
    @Parameter(name = "size", in = ParameterIn.QUERY, description = "Keys per page, 1 to 500; 50 by default")
    // Read as text, checked by hand: Payara's OpenAPI scanner fails on Bean Validation of query parameters.
    public ApiKeyPage all(@Context UriInfo uri) {
        var query = QueryParameters.of(uri);
        var username = query.getFirst("username");
        var page = QueryParameters.number("page", query.getFirst("page"), 0, 0, 1_000_000);
        var size = QueryParameters.number("size", query.getFirst("size"), 50, 1, 500);
        return keys.page(username == null || username.isEmpty() ? null : username, page, size);
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete API Key", description = "It stops working at once.")
    public Response delete(@PathParam("id") String id) {
        keys.delete(null, id);
        return Response.noContent().build();
    }
}
