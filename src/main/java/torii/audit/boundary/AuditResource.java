package torii.audit.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import torii.Torii;
import torii.errors.boundary.ApiException;

/** The audit trail for administrators, newest first, a page at a time, optionally of one user. */
@Path("admin/audit")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
@RolesAllowed("admin")
@SecurityRequirement(name = Torii.OAUTH2)
public class AuditResource {

    static final int DEFAULT_SIZE = 50;
    static final int MAX_SIZE = 500;

    @Inject
    AuditTrail trail;

    // Numbers are read as text: JAX-RS would answer a malformed one with 404, where 400 is right.
    @GET
    @Operation(summary = "Read the audit trail")
    public List<AuditEntry> newest(@QueryParam("username") String username, @QueryParam("page") String page,
            @QueryParam("size") String size) {
        int pageNumber = number("page", page, 0, 0, 1_000_000);
        int pageSize = number("size", size, DEFAULT_SIZE, 1, MAX_SIZE);
        var user = username == null || username.isEmpty() ? null : username;
        return trail.newest(user, pageNumber * pageSize, pageSize).stream().map(AuditEntry::of).toList();
    }

    static int number(String name, String text, int fallback, int min, int max) {
        if (text == null || text.isEmpty()) {
            return fallback;
        }
        try {
            var value = Integer.parseInt(text);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException notANumber) {
            // Answered below like a number out of range.
        }
        throw new ApiException(400, "invalid_request", name + " must be a whole number from " + min + " to " + max,
                null);
    }
}
