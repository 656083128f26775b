package torii.tokens.boundary;

import jakarta.ws.rs.core.MultivaluedMap;
import torii.platform.boundary.FormParameters;

/**
 * A request to {@code /token}: the password grant as the FastAPI tutorial's {@code OAuth2PasswordRequestForm} takes
 * it ({@code grant_type} may be left out, {@code scope} and the client fields are accepted), an authorization code with
 * its PKCE verifier, a refresh-token grant, or a confidential client's request for a token of its own.
 */
public record TokenRequest(
        String grantType,
        String username,
        String password,
        String refreshToken,
        String scope,
        String clientId,
        String clientSecret,
        String code,
        String redirectUri,
        String codeVerifier) {

    static final String PASSWORD = "password";
    static final String REFRESH_TOKEN = "refresh_token";
    static final String CLIENT_CREDENTIALS = "client_credentials";
    static final String AUTHORIZATION_CODE = "authorization_code";

    TokenRequest(String grantType, String username, String password, String refreshToken, String scope,
            String clientId, String clientSecret) {
        this(grantType, username, password, refreshToken, scope, clientId, clientSecret, null, null, null);
    }

    /** Checks the form in the order of RFC 6749 section 5.2: malformed request, then grant type, then fields. */
    static TokenRequest of(MultivaluedMap<String, String> form) {
        form = FormParameters.checked(form);
        var grantType = form.getFirst("grant_type");
        if (grantType == null || grantType.equals(PASSWORD)) {
            return new TokenRequest(PASSWORD, FormParameters.required(form, "username"),
                    FormParameters.required(form, "password"), null, form.getFirst("scope"), form.getFirst("client_id"),
                    form.getFirst("client_secret"));
        }
        if (grantType.equals(REFRESH_TOKEN)) {
            return new TokenRequest(REFRESH_TOKEN, null, null, FormParameters.required(form, REFRESH_TOKEN),
                    form.getFirst("scope"), form.getFirst("client_id"), form.getFirst("client_secret"));
        }
        if (grantType.equals(AUTHORIZATION_CODE)) {
            // RFC 6749 section 4.1.3: redirect_uri is required when the authorization request had one, which a code
            // remembers; code_verifier is required of every client here (RFC 7636 section 4.5).
            return new TokenRequest(AUTHORIZATION_CODE, null, null, null, null, form.getFirst("client_id"),
                    form.getFirst("client_secret"), FormParameters.required(form, "code"), form.getFirst("redirect_uri"),
                    FormParameters.required(form, "code_verifier"));
        }
        if (grantType.equals(CLIENT_CREDENTIALS)) {
            return new TokenRequest(CLIENT_CREDENTIALS, null, null, null, form.getFirst("scope"),
                    form.getFirst("client_id"), form.getFirst("client_secret"));
        }
        throw grantType.isEmpty()
                ? TokenErrors.invalidRequest("Parameter grant_type must not be empty")
                : TokenErrors.unsupportedGrantType(
                        "Only the authorization_code, password, refresh_token and client_credentials grant types are "
                                + "supported");
    }

    /** Never prints the password, the refresh token, the code, its verifier or the client secret. */
    @Override
    public String toString() {
        return "TokenRequest[grantType=" + grantType + ", username=" + username + ", scope=" + scope
                + ", clientId=" + clientId + "]";
    }
}
