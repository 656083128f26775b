package torii.gateway.boundary;

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
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import torii.Torii;
import torii.errors.boundary.QueryParameters;
import torii.tokens.control.Scope;

/** Everyone's usage of the gateway, for administrators. */
@Path("admin/usage")
@RolesAllowed("admin")
@SecurityRequirement(name = Torii.OAUTH2, scopes = Scope.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
public class UsageResource {

    static final LocalDate FIRST = LocalDate.of(1970, 1, 1);
    static final LocalDate LAST = LocalDate.of(9999, 12, 31);

    @Inject
    Usage usage;

    @GET
    @Operation(summary = "Read Usage", description = "Every user's requests and tokens per application and day (UTC), "
            + "newest day first.")
    @APIResponse(responseCode = "200", description = "Usage per user, application and day",
            content = @Content(schema = @Schema(ref = "UsageList")))
    @Parameter(name = "username", in = ParameterIn.QUERY, description = "Only this user")
    @Parameter(name = "app", in = ParameterIn.QUERY, description = "Only this application")
    @Parameter(name = "from", in = ParameterIn.QUERY, description = "First day, YYYY-MM-DD")
    @Parameter(name = "to", in = ParameterIn.QUERY, description = "Last day, YYYY-MM-DD")
    public List<UsageEntry> all(@Context UriInfo uri) {
        return report(usage, blankAsNull(QueryParameters.of(uri).getFirst("username")), uri);
    }

    /** The counts of the user (all users if null) within the query's application and days. */
    static List<UsageEntry> report(Usage usage, String username, UriInfo uri) {
        var query = QueryParameters.of(uri);
        return usage.report(username, blankAsNull(query.getFirst("app")), day("from", query.getFirst("from"), FIRST),
                day("to", query.getFirst("to"), LAST)).stream().map(UsageEntry::of).toList();
    }

    static LocalDate day(String name, String text, LocalDate fallback) {
        return QueryParameters.day(name, text, fallback, FIRST, LAST);
    }

    static String blankAsNull(String text) {
        return text == null || text.isEmpty() ? null : text;
    }
}
