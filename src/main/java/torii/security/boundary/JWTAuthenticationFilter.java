package torii.security.boundary;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import torii.security.control.AccountStates;
import torii.security.control.BearerTokenExtractor;
import torii.tokens.control.TokenIssuer;
import torii.tokens.control.TokenVerifier;

/**
 * Authenticates requests that carry a bearer token. Without one the request passes on unauthenticated, and
 * authorization decides; with one, the token must verify and name an existing user, that user must be active, and the
 * token must carry the user's current stamp.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION)
@ApplicationScoped
public class JWTAuthenticationFilter implements ContainerRequestFilter {

    /** The request attribute that holds the authenticated caller's name. */
    public static final String CALLER = "torii.caller";

    @Inject
    TokenVerifier verifier;

    @Inject
    AccountStates accounts;

    @Override
    public void filter(ContainerRequestContext request) {
        var bearer = BearerTokenExtractor.extract(request.getHeaders().get(HttpHeaders.AUTHORIZATION));
        if (bearer.isEmpty()) {
            return;
        }
        var token = verifier.verify(bearer.get()).orElseThrow(Challenges::invalidToken);
        var account = accounts.of(token.getSubject());
        switch (account.state()) {
            case UNKNOWN -> throw Challenges.invalidToken();
            case INACTIVE -> throw Challenges.inactiveUser();
            case ACTIVE -> {
                // Issued before a new password or a disable, or to another user of the same name: dead.
                if (!account.stamp().equals(TokenIssuer.stampOf(token))) {
                    throw Challenges.invalidToken();
                }
                request.setSecurityContext(new JWTSecurityContext(request.getSecurityContext(),
                        new CurrentCaller(token, account.roles())));
                // A request attribute as well, for what runs outside JAX-RS (the audit trail names who acted).
                request.setProperty(CALLER, token.getName());
            }
        }
    }
}
