package torii.apps.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import torii.platform.control.Scope;

/** The applications a user holds, seen from the user's side, for administrators. */
@Path("admin/users/{username}/apps")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
@RolesAllowed("admin")
@SecurityRequirement(name = Scope.SCHEME, scopes = Scope.ADMIN)
public class UserAppsResource {

    @Inject
    Apps apps;

    @GET
    @Operation(summary = "List User Applications", description = "Each grant by which the user holds an "
            + "application now: their own (via \"user\") or one of their groups' (via \"group:<name>\").")
    public List<UserApp> held(@PathParam("username") String username) {
        return apps.heldBy(username);
    }
}
