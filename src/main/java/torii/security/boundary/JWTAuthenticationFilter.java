package torii.security.boundary;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import torii.apikeys.boundary.ApiKeyStates;
import torii.apikeys.control.KeyValues;
import torii.platform.control.Callers;
import torii.platform.control.Challenges;
import torii.platform.control.Refusal;
import torii.platform.control.Refusal.Kind;
import torii.platform.control.TokenClaims;
import torii.security.control.BearerTokenExtractor;
import torii.security.control.TokenVerifier;

/**
 * Authenticates requests that carry a bearer token. Without one the request passes on unauthenticated, and
 * authorization decides; with one, the token must verify and name an existing user (or, for a client's own token,
 * client), that user or client must be active, the token must carry its current stamp, and the client a user's token
 * was issued to must exist and be enabled. An API key (see {@code torii.apikeys}) is accepted in its place at /v1 and
 * /apps.
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

    @Inject
    ApiKeyStates apiKeys;

    /** Where API keys are accepted: the chat models and the HTTP applications. */
    static final List<String> GATEWAY = List.of("v1/", "apps/");

    @Override
    public void filter(ContainerRequestContext request) {
        var bearer = BearerTokenExtractor.extract(request.getHeaders().get(HttpHeaders.AUTHORIZATION));
        if (bearer.isEmpty()) {
            return;
        }
        if (KeyValues.looksLikeKey(bearer.get())) {
            authenticateKey(request, bearer.get());
            return;
        }
        var token = verifier.verify(bearer.get()).orElseThrow(Challenges::invalidToken);
        var account = accounts.of(token);
        switch (account.state()) {
            case UNKNOWN -> throw Challenges.invalidToken();
            case INACTIVE -> throw TokenClaims.ofClient(token) ? Challenges.invalidToken() : Challenges.inactiveUser();
            case ACTIVE -> {
                if (account.passwordChange()
                        && !changesPassword(request.getMethod(), request.getUriInfo().getPath())) {
                    throw passwordChangeRequired();
                }
                request.setSecurityContext(new JWTSecurityContext(request.getSecurityContext(),
                        new CurrentCaller(token, account.roles())));
                // A request attribute as well, for what runs outside JAX-RS (the audit trail names who acted).
                request.setProperty(Callers.ATTRIBUTE, token.getName());
            }
        }
    }

    /**
     * An API key is accepted at /v1 and /apps only, for an existing, enabled user: anywhere else (the user's account,
     * the admin API, the token endpoints) it is an invalid token, so that a leaked key reaches no more than the
     * applications.
     */
    void authenticateKey(ContainerRequestContext request, String value) {
        if (!onGateway(request.getUriInfo().getPath())) {
            throw Challenges.invalidToken();
        }
        var caller = apiKeys.verify(value).orElseThrow(Challenges::invalidToken);
        var account = accounts.of(caller.getName());
        switch (account.state()) {
            case UNKNOWN -> throw Challenges.invalidToken();
            case INACTIVE -> throw Challenges.inactiveUser();
            case ACTIVE -> {
                if (account.passwordChange()) {
                    throw passwordChangeRequired();
                }
                request.setSecurityContext(new JWTSecurityContext(request.getSecurityContext(),
                        new CurrentCaller(caller, account.roles())));
                request.setProperty(Callers.ATTRIBUTE, caller.getName());
            }
        }
    }

    /**
     * What a user with a temporary password may do: read who they are, and choose their own password. Nothing else,
     * until the change (which ends the tokens they hold) is made.
     */
    static boolean changesPassword(String method, String path) {
        var relative = path.startsWith("/") ? path.substring(1) : path;
        return switch (method) {
            case HttpMethod.GET -> relative.equals("users/me");
            case HttpMethod.PUT -> relative.equals("users/me/password");
            default -> false;
        };
    }

    static Refusal passwordChangeRequired() {
        return new Refusal(Kind.FORBIDDEN, "password_change_required", "The password was set by an administrator and "
                + "must be changed first, at PUT /users/me/password", null);
    }

    /** The decoded path below the application, without dot segments that could lead out of /v1 or /apps. */
    static boolean onGateway(String path) {
        var relative = path.startsWith("/") ? path.substring(1) : path;
        return GATEWAY.stream().anyMatch(relative::startsWith) && !relative.contains("..") && !relative.contains(";")
                && !relative.contains("\\");
    }
}
