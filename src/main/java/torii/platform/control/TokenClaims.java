package torii.platform.control;

import org.eclipse.microprofile.jwt.JsonWebToken;

/** The claims this service's access tokens carry beyond the registered ones, as issuers and verifiers both read them. */
public interface TokenClaims {

    /** The login session (the refresh-token family) a token belongs to, as OpenID Connect names it. */
    String SESSION = "sid";
    /** The client the token was issued to (RFC 9068). */
    String CLIENT_ID = "client_id";
    /** The user's stamp when the token was issued; a token whose stamp is not the user's is dead. */
    String STAMP = "stamp";

    /** How the token was granted, where it matters: only for a client's own token, whose subject is the client. */
    String GRANT = "gty";
    /** The grant of RFC 6749 section 4.4, by which a client gets a token for itself. */
    String CLIENT_CREDENTIALS = "client_credentials";

    /** The API key a request was made with, on the caller of such a request (never in a JWT). */
    String API_KEY = "api_key";
    /** The limits of that API key, on the same caller. */
    String API_KEY_LIMITS = "api_key_limits";

    /** Whether the token is a client's own, its subject a client id rather than a username. */
    static boolean ofClient(JsonWebToken token) {
        return CLIENT_CREDENTIALS.equals(token.getClaim(GRANT));
    }

    /** The stamp a token carries; empty if it carries none. */
    static String stampOf(JsonWebToken token) {
        return token.getClaim(STAMP) instanceof String stamp ? stamp : "";
    }
}
