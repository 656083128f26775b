package torii.tokens.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import torii.platform.control.Refusal;
import torii.platform.control.Refusal.Kind;
import torii.platform.control.Scope;
import torii.users.boundary.Users;

/**
 * A user's login sessions, for administrators: listed, and ended one by one or all at once. An ended session's
 * refresh tokens stop working, and so do the access tokens issued in it, from the next request on.
 */
@Path("admin/users/{username}/sessions")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
@RolesAllowed("admin")
@SecurityRequirement(name = Scope.SCHEME, scopes = Scope.ADMIN)
public class SessionsAdminResource {

    @Inject
    Sessions sessions;

    @Inject
    Users users;

    @GET
    @Operation(summary = "List User Sessions", description = "The user's live login sessions, newest first.")
    public List<SessionInfo> list(@PathParam("username") String username) {
        known(username);
        return sessions.liveOf(username).stream().map(SessionInfo::of).toList();
    }

    @DELETE
    @Operation(summary = "End User Sessions", description = "Every live session of the user: they must log in again.")
    @APIResponse(responseCode = "204", description = "Ended, or there was none")
    public Response endAll(@PathParam("username") String username) {
        known(username);
        sessions.endOf(username, Optional.empty());
        return Response.noContent().build();
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "End User Session")
    @APIResponse(responseCode = "204", description = "Ended")
    @APIResponse(responseCode = "404", description = "No live session of this user has this id")
    public Response endOne(@PathParam("username") String username, @PathParam("id") String id) {
        known(username);
        if (sessions.endOf(username, Optional.of(id)) == 0) {
            throw new Refusal(Kind.NOT_FOUND, null, "No live session of this user has this id", null);
        }
        return Response.noContent().build();
    }

    void known(String username) {
        users.find(username).orElseThrow(Users::unknownUser);
    }
}
