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

    /** The stamp a token carries; empty if it carries none. */
    static String stampOf(JsonWebToken token) {
        return token.getClaim(STAMP) instanceof String stamp ? stamp : "";
    }
}
