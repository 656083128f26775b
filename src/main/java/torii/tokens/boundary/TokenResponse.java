package torii.tokens.boundary;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/** A successful token response (RFC 6749 section 5.1); components are named as the JSON fields are. */
@JsonbPropertyOrder({"access_token", "token_type", "expires_in", "scope"})
public record TokenResponse(String access_token, String token_type, long expires_in, String scope) {

    /** The granted scope is always sent, though RFC 6749 section 5.1 requires it only where it differs. */
    static TokenResponse bearer(String accessToken, long expiresIn, String scope) {
        // Lower case, as the FastAPI tutorial answers; RFC 6749 section 5.1 makes the value case-insensitive.
        return new TokenResponse(accessToken, "bearer", expiresIn, scope);
    }
}
