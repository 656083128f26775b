package torii.security.boundary;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import java.util.Set;
import torii.platform.control.Challenges;

/**
 * Lets a request with a token reach its resource method only if the token carries every scope the method requires,
 * else 403 with the {@code insufficient_scope} challenge of RFC 6750 section 3.1 naming them.
 */
public class ScopesFilter implements ContainerRequestFilter {

    private final Set<String> required;

    ScopesFilter(Set<String> required) {
        this.required = Set.copyOf(required);
    }

    @Override
    public void filter(ContainerRequestContext request) {
        Challenges.requireScopes(request.getSecurityContext().getUserPrincipal(), required);
    }
}
