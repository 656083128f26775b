package torii.apps.boundary;

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
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import torii.Torii;

/** The applications the caller may use. */
@Path("users/me/apps")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
@RolesAllowed("**")
@SecurityRequirement(name = Torii.OAUTH2)
public class MyAppsResource {

    @Inject
    Apps apps;

    @GET
    @Operation(summary = "Read Own Applications")
    public List<AppInfo> mine(@Context SecurityContext caller) {
        var token = (JsonWebToken) caller.getUserPrincipal();
        return apps.usableBy(token.getName(), token.getGroups()).stream().map(AppInfo::of).toList();
    }
}
