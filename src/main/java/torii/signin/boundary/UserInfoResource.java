package torii.signin.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.LinkedHashMap;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import torii.platform.control.Challenges;
import torii.platform.control.Scope;
import torii.users.boundary.Users;

/**
 * OpenID Connect's UserInfo endpoint (Core section 5.3): the claims of the user an access token with the openid scope
 * was issued for, as much as its scope allows.
 */
@Path("userinfo")
@ApplicationScoped
@RolesAllowed("**")
@SecurityRequirement(name = Scope.SCHEME, scopes = Scope.OPENID)
public class UserInfoResource {

    @Inject
    Users users;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "User Info")
    @APIResponse(responseCode = "200", description = "sub, and preferred_username, name and groups with the profile "
            + "scope, email with the email scope")
    public Response userInfo(@Context SecurityContext caller) {
        var token = (JsonWebToken) caller.getUserPrincipal();
        var scope = Scope.of(token);
        var user = users.find(token.getName()).orElseThrow(Challenges::invalidToken);
        var claims = new LinkedHashMap<String, Object>();
        claims.put("sub", user.username());
        if (scope.values().contains(Scope.PROFILE)) {
            claims.put("preferred_username", user.username());
            if (user.fullName() != null) {
                claims.put("name", user.fullName());
            }
            claims.put("groups", List.copyOf(user.roles()));
        }
        if (scope.values().contains(Scope.EMAIL) && user.email() != null) {
            claims.put("email", user.email());
            claims.put("email_verified", false);
        }
        return Response.ok(claims).header("Cache-Control", "no-store").build();
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "User Info By Post")
    public Response userInfoByPost(@Context SecurityContext caller) {
        return userInfo(caller);
    }
}
