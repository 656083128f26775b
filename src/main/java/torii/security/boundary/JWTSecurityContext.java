package torii.security.boundary;

import jakarta.ws.rs.core.SecurityContext;

/**
 * The security context of a request with a verified bearer token: a role counts if the token's {@code groups} name it
 * and the user still holds it, so that a role taken away ends at once, as a disabled account does.
 */
public class JWTSecurityContext implements SecurityContext {

    private final SecurityContext original;
    private final CurrentCaller caller;

    public JWTSecurityContext(SecurityContext original, CurrentCaller caller) {
        this.original = original;
        this.caller = caller;
    }

    @Override
    public CurrentCaller getUserPrincipal() {
        return caller;
    }

    @Override
    public boolean isUserInRole(String role) {
        return caller.getGroups().contains(role);
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
