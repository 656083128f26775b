package torii.security.boundary;

import jakarta.ws.rs.core.SecurityContext;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The security context of a request with a verified bearer token: a role counts if the token's {@code groups} name it
 * and the user still holds it, so that a role taken away ends at once, as a disabled account does.
 */
public class JWTSecurityContext implements SecurityContext {

    private final SecurityContext original;
    private final JsonWebToken token;
    private final Set<String> roles;

    public JWTSecurityContext(SecurityContext original, JsonWebToken token, Set<String> roles) {
        this.original = original;
        this.token = token;
        this.roles = roles;
    }

    @Override
    public JsonWebToken getUserPrincipal() {
        return token;
    }

    @Override
    public boolean isUserInRole(String role) {
        return roles.contains(role) && token.getGroups().contains(role);
    }

    @Override
    public boolean isSecure() {
        return original.isSecure();
    }

    @Override
    public String getAuthenticationScheme() {
        return "Bearer";
    }
}
