package torii.users.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import torii.Torii;
import torii.security.boundary.Challenges;
import torii.tokens.control.Scope;

/** The caller's own account and items. */
@Path("users/me")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
@RolesAllowed("**")
@SecurityRequirement(name = Torii.OAUTH2)
public class UsersResource {

    @Inject
    Users users;

    @GET
    @Operation(summary = "Read Users Me")
    @SecurityRequirement(name = Torii.OAUTH2, scopes = Scope.ME)
    public UserInfo me(@Context SecurityContext caller) {
        return users.find(caller.getUserPrincipal().getName()).map(UserInfo::of).orElseThrow(Challenges::invalidToken);
    }

    @GET
    @Path("items")
    @Operation(summary = "Read Own Items")
    @SecurityRequirement(name = Torii.OAUTH2, scopes = {Scope.ME, Scope.ITEMS})
    public List<Item> items(@Context SecurityContext caller) {
        return List.of(new Item("Foo", caller.getUserPrincipal().getName()));
    }
}
