package torii.gateway.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import torii.platform.control.Scope;

/** An administrator's check that an application's upstream answers. */
@Path("admin/apps/{id}/check")
@ApplicationScoped
@RolesAllowed("admin")
@SecurityRequirement(name = Scope.SCHEME, scopes = Scope.ADMIN)
public class UpstreamCheckResource {

    @Inject
    UpstreamCheck check;

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Check Application Upstream", description = "One cheap call with the application's "
            + "credentials (the model list, or the base URL of an HTTP application): whether it answered, its status "
            + "and how long it took. Never shows a credential.")
    public UpstreamCheck.Result check(@PathParam("id") String id) {
        return check.check(id);
    }
}
