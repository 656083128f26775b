package torii.users.boundary;

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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import torii.platform.boundary.QueryParameters;
import torii.platform.control.Refusal.Kind;
import torii.platform.control.Refusal;
import torii.platform.control.Scope;

/** Administration of users: accounts, passwords, roles. */
@Path("admin/users")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@ApplicationScoped
@RolesAllowed("admin")
@SecurityRequirement(name = Scope.SCHEME, scopes = Scope.ADMIN)
public class UsersAdminResource {

    @Inject
    Users users;

    @GET
    @Operation(summary = "Search Users", description = "By part of the username, e-mail or name; by username.")
    @Parameter(name = "q", in = ParameterIn.QUERY, description = "Part of the username, e-mail or name")
    @Parameter(name = "page", in = ParameterIn.QUERY, description = "Page number, from 0")
    @Parameter(name = "size", in = ParameterIn.QUERY, description = "Users per page, 1 to 500; 50 by default")
    // Read as text, checked by hand: Payara's OpenAPI scanner fails on Bean Validation of query parameters.
    public UserPage search(@Context UriInfo uri) {
        var query = QueryParameters.of(uri);
        var text = query.getFirst("q");
        if (text != null && text.length() > 256) {
            throw new Refusal(Kind.INVALID, "invalid_request", "q must be at most 256 characters", null);
        }
        var page = QueryParameters.number("page", query.getFirst("page"), 0, 0, 1_000_000);
        var size = QueryParameters.number("size", query.getFirst("size"), 50, 1, 500);
        return users.page(text, page, size);
    }

    @POST
    @Operation(summary = "Create User")
    public Response create(@Valid @NotNull NewUser form) {
        var user = users.create(form.user(), form.password, Boolean.TRUE.equals(form.password_temporary));
        return Response.created(UriBuilder.fromPath("/admin/users/{username}").build(user.username()))
                .entity(UserDetails.of(user)).build();
    }

    @GET
    @Path("{username}")
    @Operation(summary = "Read User")
    public UserDetails one(@PathParam("username") String username) {
        return users.find(username).map(UserDetails::of).orElseThrow(Users::unknownUser);
    }

    @PUT
    @Path("{username}")
    @Operation(summary = "Update User", description = "Its e-mail and full name.")
    public UserDetails update(@PathParam("username") String username, @Valid @NotNull UserChange change) {
        return UserDetails.of(users.describe(username, change.email, change.full_name));
    }

    @DELETE
    @Path("{username}")
    @Operation(summary = "Delete User", description = "Its grants go with it; the last administrator stays.")
    public Response delete(@PathParam("username") String username) {
        users.delete(username);
        return Response.noContent().build();
    }

    @POST
    @Path("{username}/disable")
    @Operation(summary = "Disable User")
    public UserDetails disable(@PathParam("username") String username) {
        return UserDetails.of(users.disable(username));
    }

    @POST
    @Path("{username}/enable")
    @Operation(summary = "Enable User")
    public UserDetails enable(@PathParam("username") String username) {
        return UserDetails.of(users.enable(username));
    }

    @PUT
    @Path("{username}/password")
    @Operation(summary = "Reset Password")
    public Response resetPassword(@PathParam("username") String username, @Valid @NotNull NewPassword form) {
        users.changePassword(username, form.password, Boolean.TRUE.equals(form.temporary));
        return Response.noContent().build();
    }

    @PUT
    @Path("{username}/roles")
    @Operation(summary = "Set Roles")
    public UserDetails assignRoles(@PathParam("username") String username, @Valid @NotNull RoleAssignment form) {
        return UserDetails.of(users.assignRoles(username, form.roles));
    }
}
