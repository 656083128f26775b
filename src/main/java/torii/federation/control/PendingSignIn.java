package torii.federation.control;

import java.net.URI;
import java.time.Instant;

/**
 * A sign-in under way at a provider, as its cookie carries it: the provider, the state, nonce and PKCE verifier sent
 * with the authorization request, this service's callback, the authorization request of the client to go on with
 * afterwards (a query string), and when it expires.
 */
public record PendingSignIn(String provider, String state, String nonce, String verifier, URI callback,
        String returnQuery, Instant expires) {
}
