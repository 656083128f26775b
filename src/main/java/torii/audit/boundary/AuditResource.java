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
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import torii.platform.boundary.QueryParameters;
import torii.platform.control.Scope;

/** The audit trail for administrators, newest first, a page at a time, optionally of one user, kind and days. */
@Path("admin/audit")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
@RolesAllowed("admin")
@SecurityRequirement(name = Scope.SCHEME, scopes = Scope.ADMIN)
public class AuditResource {

    static final int DEFAULT_SIZE = 50;
    static final int MAX_SIZE = 500;

    static final LocalDate FIRST = LocalDate.of(1970, 1, 1);
    static final LocalDate LAST = LocalDate.of(9998, 12, 31);

    @Inject
    AuditTrail trail;

    static Optional<String> given(String text) {
        return Optional.ofNullable(text).filter(value -> !value.isEmpty());
    }

    @GET
    @Operation(summary = "Read the audit trail")
    @APIResponse(responseCode = "200", description = "Events, newest first",
            content = @Content(schema = @Schema(ref = "AuditTrail")))
    @Parameter(name = "username", in = ParameterIn.QUERY, description = "Only the events of this username")
    @Parameter(name = "action", in = ParameterIn.QUERY, description = "Only events of this kind, such as login or "
            + "user_disable")
    @Parameter(name = "from", in = ParameterIn.QUERY, description = "First day, YYYY-MM-DD (UTC)")
    @Parameter(name = "to", in = ParameterIn.QUERY, description = "Last day, YYYY-MM-DD (UTC)")
    @Parameter(name = "page", in = ParameterIn.QUERY, description = "Page number, from 0 (the newest)")
    @Parameter(name = "size", in = ParameterIn.QUERY, description = "Events per page, 1 to 500; 50 by default")
    public List<AuditEntry> newest(@Context UriInfo uri) {
        var query = QueryParameters.of(uri);
        int pageNumber = QueryParameters.number("page", query.getFirst("page"), 0, 0, 1_000_000);
        int pageSize = QueryParameters.number("size", query.getFirst("size"), DEFAULT_SIZE, 1, MAX_SIZE);
        var from = Optional.ofNullable(QueryParameters.day("from", query.getFirst("from"), null, FIRST, LAST));
        var to = Optional.ofNullable(QueryParameters.day("to", query.getFirst("to"), null, FIRST, LAST));
        var filter = new AuditTrail.Filter(given(query.getFirst("username")), given(query.getFirst("action")),
                from.map(day -> day.atStartOfDay(ZoneOffset.UTC).toInstant()),
                to.map(day -> day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()));
        return trail.newest(filter, pageNumber * pageSize, pageSize).stream().map(AuditEntry::of).toList();
    }
}
