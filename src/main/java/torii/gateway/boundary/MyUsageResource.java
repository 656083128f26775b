package torii.gateway.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import torii.platform.control.Scope;

/** The caller's own usage of the gateway. */
@Path("users/me/usage")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
@RolesAllowed("**")
@SecurityRequirement(name = Scope.SCHEME, scopes = Scope.ME)
public class MyUsageResource {

    @Inject
    Usage usage;

    @GET
    @Operation(summary = "Read Own Usage", description = "Requests and tokens per application and day (UTC), newest "
            + "day first.")
    @APIResponse(responseCode = "200", description = "Usage per application and day",
            content = @Content(schema = @Schema(ref = "UsageList")))
    @Parameter(name = "app", in = ParameterIn.QUERY, description = "Only this application")
    @Parameter(name = "from", in = ParameterIn.QUERY, description = "First day, YYYY-MM-DD")
    @Parameter(name = "to", in = ParameterIn.QUERY, description = "Last day, YYYY-MM-DD")
    public List<UsageEntry> mine(@Context SecurityContext caller, @Context UriInfo uri) {
        return UsageResource.report(usage, caller.getUserPrincipal().getName(), uri);
    }
}
