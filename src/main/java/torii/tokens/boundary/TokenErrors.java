package torii.tokens.boundary;

import torii.errors.boundary.ApiException;

/** The token endpoint's errors (RFC 6749 section 5.2), with the FastAPI tutorial's {@code detail} beside them. */
interface TokenErrors {

    String INCORRECT_CREDENTIALS = "Incorrect username or password";
    String INVALID_REFRESH_TOKEN = "Invalid refresh token";

    static ApiException invalidRequest(String description) {
        return ApiException.oauth(400, "invalid_request", description);
    }

    static ApiException unsupportedGrantType(String description) {
        return ApiException.oauth(400, "unsupported_grant_type", description);
    }

    static ApiException invalidScope(String description) {
        return ApiException.oauth(400, "invalid_scope", description);
    }

    /** The same answer for an unknown user, a wrong password and a disabled user. */
    static ApiException invalidGrant() {
        // The tutorial sends the Bearer challenge with this 400; its clients may look for it.
        return new ApiException(400, "invalid_grant", INCORRECT_CREDENTIALS, "Bearer");
    }

    /** The same answer whatever is wrong with a refresh token, so that a guess learns nothing. */
    static ApiException invalidRefreshToken() {
        return ApiException.oauth(400, "invalid_grant", INVALID_REFRESH_TOKEN);
    }

    static ApiException unauthorizedClient(String description) {
        return ApiException.oauth(400, "unauthorized_client", description);
    }
}
