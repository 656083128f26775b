package torii.audit.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import torii.platform.boundary.QueryParameters;
import torii.platform.control.Scope;

/** The audit trail for administrators, newest first, a page at a time, optionally of one user. */
@Path("admin/audit")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
@RolesAllowed("admin")
@SecurityRequirement(name = Scope.SCHEME, scopes = Scope.ADMIN)
public class AuditResource {

    static final int DEFAULT_SIZE = 50;
    static final int MAX_SIZE = 500;

    @Inject
    AuditTrail trail;

    @GET
    @Operation(summary = "Read the audit trail")
    @APIResponse(responseCode = "200", description = "Events, newest first",
            content = @Content(schema = @Schema(ref = "AuditTrail")))
    @Parameter(name = "username", in = ParameterIn.QUERY, description = "Only the events of this username")
    @Parameter(name = "page", in = ParameterIn.QUERY, description = "Page number, from 0 (the newest)")
    @Parameter(name = "size", in = ParameterIn.QUERY, description = "Events per page, 1 to 500; 50 by default")
    public List<AuditEntry> newest(@Context UriInfo uri) {
        var query = QueryParameters.of(uri);
        var username = query.getFirst("username");
        int pageNumber = QueryParameters.number("page", query.getFirst("page"), 0, 0, 1_000_000);
        var size = query.getFirst("size");
        int pageSize = QueryParameters.number("size", size, DEFAULT_SIZE, 1, MAX_SIZE);
        var user = username == null || username.isEmpty() ? null : username;
        return trail.newest(user, pageNumber * pageSize, pageSize).stream().map(AuditEntry::of).toList();
    }
}
