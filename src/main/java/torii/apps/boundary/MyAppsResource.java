package torii.apps.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import torii.platform.control.Challenges;
import torii.platform.control.Scope;

/** The applications the caller may use. */
@Path("users/me/apps")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
@RolesAllowed("**")
@SecurityRequirement(name = Scope.SCHEME)
public class MyAppsResource {

    @Inject
    Apps apps;

    @Inject
    UsableApps usableApps;

    @GET
    @Operation(summary = "Read Own Applications")
    @SecurityRequirement(name = Scope.SCHEME, scopes = Scope.ME)
    public List<AppInfo> mine(@Context SecurityContext caller) {
        var token = (JsonWebToken) caller.getUserPrincipal();
        return apps.usableBy(UsableApps.kindOf(token), token.getName(), token.getGroups()).stream().map(AppInfo::of)
                .toList();
    }

    /**
     * One application, for a token with its scope whose user may use it now: a grant revoked after the token was
     * issued ends its use at once.
     */
    @GET
    @Path("{id}")
    @Operation(summary = "Read Own Application", description = "Requires the scope app:{id}.")
    public AppInfo one(@PathParam("id") String id, @Context SecurityContext caller) {
        var token = (JsonWebToken) caller.getUserPrincipal();
        Challenges.requireScopes(token, Set.of(Scope.app(id)));
        return AppInfo.of(usableApps.of(token, id).map(Access::app)
                .orElseThrow(() -> Challenges.insufficientScope(Scope.app(id))));
    }
}
