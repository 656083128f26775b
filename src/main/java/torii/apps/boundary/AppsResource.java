package torii.apps.boundary;

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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import torii.apps.control.Upstreams;
import torii.apps.entity.Grantee;
import torii.platform.control.Refusal.Kind;
import torii.platform.control.Refusal;
import torii.platform.control.Scope;

/** Administration of the application registry and of who may use each application. */
@Path("admin/apps")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@ApplicationScoped
@RolesAllowed("admin")
@SecurityRequirement(name = Scope.SCHEME, scopes = Scope.ADMIN)
public class AppsResource {

    @Inject
    Apps apps;

    @Inject
    Upstreams upstreams;

    @GET
    @Operation(summary = "List Applications")
    public List<AppDetails> all() {
        return apps.all().stream().map(this::details).toList();
    }

    @POST
    @Operation(summary = "Create Application")
    public Response create(@Valid @NotNull AppForm form) {
        if (form.id == null) {
            throw new Refusal(Kind.INVALID, "invalid_request", "id: must not be null", null);
        }
        var app = apps.create(form.app());
        return Response.created(UriBuilder.fromPath("/admin/apps/{id}").build(app.id())).entity(details(app)).build();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Read Application")
    public AppDetails one(@PathParam("id") String id) {
        return details(apps.find(id));
    }

    @PUT
    @Path("{id}")
    @Operation(summary = "Update Application")
    public AppDetails update(@PathParam("id") String id, @Valid @NotNull AppForm form) {
        if (form.id != null && !form.id.equals(id)) {
            throw new Refusal(Kind.INVALID, "invalid_request", "id: cannot be changed", null);
        }
        return details(apps.update(id, form));
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete Application", description = "Its grants go with it.")
    public Response delete(@PathParam("id") String id) {
        apps.delete(id);
        return Response.noContent().build();
    }

    @GET
    @Path("{id}/grants")
    @Operation(summary = "List Who May Use Application")
    public List<GrantInfo> holders(@PathParam("id") String id) {
        return apps.holders(id).stream().map(GrantInfo::of).toList();
    }

    @POST
    @Path("{id}/grants")
    @Operation(summary = "Grant Application", description = "To a user, to a group (a role users hold), or to a "
            + "confidential client for its own tokens; with limits of requests per minute and tokens per day and per "
            + "month (UTC), each left out for none.")
    public Response grant(@PathParam("id") String id, @Valid @NotNull GrantForm form) {
        return Response.status(201).entity(GrantInfo.of(apps.grant(id, form.kind(), form.grantee(), form.limits())))
                .build();
    }

    @PUT
    @Path("{id}/grants")
    @Operation(summary = "Change Grant Limits", description = "The limits of an existing grant, named as when it was "
            + "made; a limit left out is no limit. They hold from the grantee's next call.")
    public GrantInfo limit(@PathParam("id") String id, @Valid @NotNull GrantForm form) {
        return GrantInfo.of(apps.limit(id, form.kind(), form.grantee(), form.limits()));
    }

    @DELETE
    @Path("{id}/grants/users/{username}")
    @Operation(summary = "Revoke Application From User")
    public Response revokeFromUser(@PathParam("id") String id, @PathParam("username") String username) {
        apps.revoke(id, Grantee.USER, username);
        return Response.noContent().build();
    }

    @DELETE
    @Path("{id}/grants/groups/{group}")
    @Operation(summary = "Revoke Application From Group")
    public Response revokeFromGroup(@PathParam("id") String id, @PathParam("group") String group) {
        apps.revoke(id, Grantee.GROUP, group);
        return Response.noContent().build();
    }

    @DELETE
    @Path("{id}/grants/clients/{client}")
    @Operation(summary = "Revoke Application From Client")
    public Response revokeFromClient(@PathParam("id") String id, @PathParam("client") String client) {
        apps.revoke(id, Grantee.CLIENT, client);
        return Response.noContent().build();
    }

    AppDetails details(torii.apps.entity.App app) {
        return AppDetails.of(app, upstreams.keyConfigured(app.id()));
    }
}
