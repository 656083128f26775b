package torii.clients.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import torii.clients.control.RedirectUris;
import torii.platform.control.Refusal.Kind;
import torii.platform.control.Refusal;
import torii.platform.control.Scope;

/**
 * Administration of the clients: those of the configuration are listed and may be disabled; confidential clients
 * for other systems are made here, given a new secret, disabled and deleted. A secret is shown once, when it is made.
 */
@Path("admin/clients")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@ApplicationScoped
@RolesAllowed("admin")
@SecurityRequirement(name = Scope.SCHEME, scopes = Scope.ADMIN)
public class ClientsResource {

    @Inject
    Clients clients;

    @GET
    @Operation(summary = "List Clients")
    public List<ClientInfo> all() {
        return clients.all().stream().map(ClientInfo::of).toList();
    }

    @POST
    @Operation(summary = "Create Client", description = "A confidential client (its secret is in this answer only) "
            + "or, with \"type\":\"public\", a public one; with the redirect URIs it may receive authorization codes at.")
    public Response create(@Valid @NotNull ClientForm form) {
        var made = clients.create(form.client_id, !"public".equals(form.type),
                RedirectUris.checked(form.redirect_uris, "redirect_uris"));
        return noStore(Response.created(UriBuilder.fromPath("/admin/clients/{id}").build(made.client_id())), made);
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Read Client")
    public ClientInfo one(@PathParam("id") String id) {
        return clients.find(id).map(ClientInfo::of)
                .orElseThrow(() -> new Refusal(Kind.NOT_FOUND, null, "Client not found", null));
    }

    @POST
    @Path("{id}/secret")
    @Operation(summary = "Rotate Client Secret", description = "The old secret and the client's own tokens stop "
            + "working; the new secret is in this answer only.")
    public Response rotate(@PathParam("id") String id) {
        return noStore(Response.ok(), clients.rotate(id));
    }

    @PUT
    @Path("{id}/redirect-uris")
    @Operation(summary = "Set Client Redirect Uris", description = "Replaces the list; an empty one ends the client's "
            + "use of the authorization endpoint.")
    public ClientInfo redirectUris(@PathParam("id") String id, @Valid @NotNull RedirectUriList list) {
        return ClientInfo.of(clients.redirectUris(id, RedirectUris.checked(list.redirect_uris, "redirect_uris")));
    }

    @POST
    @Path("{id}/disable")
    @Operation(summary = "Disable Client", description = "Every token issued to the client stops working.")
    public ClientInfo disable(@PathParam("id") String id) {
        return ClientInfo.of(clients.disable(id, true));
    }

    @POST
    @Path("{id}/enable")
    @Operation(summary = "Enable Client")
    public ClientInfo enable(@PathParam("id") String id) {
        return ClientInfo.of(clients.disable(id, false));
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete Client", description = "Its grants go with it; its tokens stop working.")
    public Response delete(@PathParam("id") String id) {
        clients.delete(id);
        return Response.noContent().build();
    }

    /** An answer with a secret is not to be cached (as RFC 6749 section 5.1 asks of tokens). */
    static Response noStore(Response.ResponseBuilder answer, NewClient made) {
        return answer.entity(made).header(HttpHeaders.CACHE_CONTROL, "no-store").header("Pragma", "no-cache").build();
    }
}
