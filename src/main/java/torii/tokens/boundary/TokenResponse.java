package torii.tokens.boundary;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * A successful token response (RFC 6749 sections 5.1 and 6), with an ID token when the scope holds openid (OpenID
 * Connect Core section 3.1.3.3); components are named as the JSON fields are.
 */
@JsonbPropertyOrder({"access_token", "token_type", "expires_in", "refresh_token", "scope", "id_token"})
public record TokenResponse(String access_token, String token_type, long expires_in, String refresh_token,
        String scope, String id_token) {

    static TokenResponse bearer(String accessToken, long expiresIn, String refreshToken, String scope, String idToken) {
        // Lower case, as the FastAPI tutorial answers; RFC 6749 section 5.1 makes the value case-insensitive.
        return new TokenResponse(accessToken, "bearer", expiresIn, refreshToken, scope, idToken);
    }
}
