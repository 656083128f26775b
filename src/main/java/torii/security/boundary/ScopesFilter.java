package torii.security.boundary;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.jwt.JsonWebToken;
import torii.tokens.control.Scope;

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
        require(request.getSecurityContext().getUserPrincipal(), required);
    }

    /** For scopes known only from the request, such as {@code app:<id>}. */
    public static void require(java.security.Principal caller, Set<String> scopes) {
        if (!(caller instanceof JsonWebToken token)) {
            throw Challenges.notAuthenticated();
        }
        if (!Scope.of(token).containsAll(scopes)) {
            throw Challenges.insufficientScope(String.join(" ", new TreeSet<>(scopes)));
        }
    }
}
