package torii.tokens.boundary;

import jakarta.ws.rs.core.MultivaluedMap;
import torii.platform.boundary.FormParameters;

/**
 * A request to {@code /token}: the password grant as the FastAPI tutorial's {@code OAuth2PasswordRequestForm} takes
 * it ({@code grant_type} may be left out, {@code scope} and the client fields are accepted), a refresh-token grant, or
 * a confidential client's request for a token of its own.
 */
public record TokenRequest(
        String grantType,
        String username,
        String password,
        String refreshToken,
        String scope,
        String clientId,
        String clientSecret) {

    static final String PASSWORD = "password";
    static final String REFRESH_TOKEN = "refresh_token";
    static final String CLIENT_CREDENTIALS = "client_credentials";

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
        if (grantType.equals(CLIENT_CREDENTIALS)) {
            return new TokenRequest(CLIENT_CREDENTIALS, null, null, null, form.getFirst("scope"),
                    form.getFirst("client_id"), form.getFirst("client_secret"));
        }
        throw grantType.isEmpty()
                ? TokenErrors.invalidRequest("Parameter grant_type must not be empty")
                : TokenErrors.unsupportedGrantType(
                        "Only the password, refresh_token and client_credentials grant types are supported");
    }

    /** Never prints the password, the refresh token or the client secret. */
    @Override
    public String toString() {
        return "TokenRequest[grantType=" + grantType + ", username=" + username + ", scope=" + scope
                + ", clientId=" + clientId + "]";
    }
}
