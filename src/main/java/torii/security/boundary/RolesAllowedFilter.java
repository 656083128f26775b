package torii.security.boundary;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import java.util.Set;
import torii.platform.control.Challenges;

/**
 * Lets a request reach its resource method only if the caller is authenticated (else 401) and holds one of the
 * roles (else 403). The role {@code **} means any authenticated caller, as in Jakarta Security.
 */
public class RolesAllowedFilter implements ContainerRequestFilter {

    static final String ANY_AUTHENTICATED = "**";
    static final RolesAllowedFilter DENY_ALL = new RolesAllowedFilter(Set.of());
    static final RolesAllowedFilter PERMIT_ALL = new RolesAllowedFilter(null);

    private final Set<String> roles;

    RolesAllowedFilter(Set<String> roles) {
        this.roles = roles;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        var caller = request.getSecurityContext();
        if (this == DENY_ALL) {
            throw Challenges.forbidden();
        }
        if (caller.getUserPrincipal() == null) {
            throw Challenges.notAuthenticated();
        }
        if (!roles.contains(ANY_AUTHENTICATED) && roles.stream().noneMatch(caller::isUserInRole)) {
            throw Challenges.forbidden();
        }
    }
}
