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
import torii.platform.control.Callers;
import torii.platform.control.Challenges;
import torii.platform.control.TokenClaims;
import torii.security.control.BearerTokenExtractor;
import torii.security.control.TokenVerifier;

/**
 * Authenticates requests that carry a bearer token. Without one the request passes on unauthenticated, and
 * authorization decides; with one, the token must verify and name an existing user (or, for a client's own token,
 * client), that user or client must be active, the token must carry its current stamp, and the client a user's token
 * was issued to must exist and be enabled.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION)
@ApplicationScoped
public class JWTAuthenticationFilter implements ContainerRequestFilter {

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
        var account = accounts.of(token);
        switch (account.state()) {
            case UNKNOWN -> throw Challenges.invalidToken();
            case INACTIVE -> throw TokenClaims.ofClient(token) ? Challenges.invalidToken() : Challenges.inactiveUser();
            case ACTIVE -> {
                request.setSecurityContext(new JWTSecurityContext(request.getSecurityContext(),
                        new CurrentCaller(token, account.roles())));
                // A request attribute as well, for what runs outside JAX-RS (the audit trail names who acted).
                request.setProperty(Callers.ATTRIBUTE, token.getName());
            }
        }
    }
}
