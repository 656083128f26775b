package torii.users.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import torii.platform.control.Challenges;
import torii.platform.control.ClientAddresses;
import torii.platform.control.Refusal.Kind;
import torii.platform.control.Refusal;
import torii.platform.control.Scope;

/** The caller's own account and items, and a change of their password. */
@Path("users/me")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
@RolesAllowed("**")
@SecurityRequirement(name = Scope.SCHEME)
public class UsersResource {

    @Inject
    Users users;

    @Inject
    Logins logins;

    @Inject
    ClientAddresses addresses;

    @GET
    @Operation(summary = "Read Users Me")
    @SecurityRequirement(name = Scope.SCHEME, scopes = Scope.ME)
    public UserInfo me(@Context SecurityContext caller) {
        return users.find(caller.getUserPrincipal().getName()).map(UserInfo::of).orElseThrow(Challenges::invalidToken);
    }

    @GET
    @Path("items")
    @Operation(summary = "Read Own Items")
    @SecurityRequirement(name = Scope.SCHEME, scopes = {Scope.ME, Scope.ITEMS})
    public List<Item> items(@Context SecurityContext caller) {
        return List.of(new Item("Foo", caller.getUserPrincipal().getName()));
    }

    /** The current password is checked as a login is, throttled; a wrong one is refused like a failed login. */
    @PUT
    @Path("password")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change Own Password")
    @SecurityRequirement(name = Scope.SCHEME, scopes = Scope.ME)
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(ref = "PasswordChange")))
    @APIResponse(responseCode = "204", description = "The password is changed")
    @APIResponse(responseCode = "400", description = "A password is missing, the current one is wrong, or the new one "
            + "breaks the rules (at least torii.password.min-length characters, at most 72 UTF-8 bytes)")
    @APIResponse(responseCode = "429", description = "Too many failed attempts; see Retry-After")
    public CompletionStage<Response> changePassword(PasswordChange change, @Context SecurityContext caller,
            @Context HttpServletRequest http) {
        if (change == null || change.current_password() == null || change.current_password().isEmpty()) {
            throw new Refusal(Kind.INVALID, "invalid_request", "current_password is required", null);
        }
        return logins.changeOwnPassword(caller.getUserPrincipal().getName(), change.current_password(),
                change.new_password(), addresses.of(http)).thenApply(changed -> Response.noContent().build());
    }
}
