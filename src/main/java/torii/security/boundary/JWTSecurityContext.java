package torii.security.boundary;

import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The security context of a request with a verified bearer token: roles are the token's {@code groups}. */
public class JWTSecurityContext implements SecurityContext {

    private final SecurityContext original;
    private final JsonWebToken token;

    public JWTSecurityContext(SecurityContext original, JsonWebToken token) {
        this.original = original;
        this.token = token;
    }

    @Override
    public JsonWebToken getUserPrincipal() {
        return token;
    }

    @Override
    public boolean isUserInRole(String role) {
        return token.getGroups().contains(role);
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
