package torii.tokens.boundary;

import torii.platform.control.Refusal.Kind;
import torii.platform.control.Refusal;

/** The token endpoint's errors (RFC 6749 section 5.2), with the FastAPI tutorial's {@code detail} beside them. */
public interface TokenErrors {

    String INCORRECT_CREDENTIALS = "Incorrect username or password";
    String INVALID_REFRESH_TOKEN = "Invalid refresh token";

    static Refusal invalidRequest(String description) {
        return Refusal.oauth(Kind.INVALID, "invalid_request", description);
    }

    static Refusal unsupportedGrantType(String description) {
        return Refusal.oauth(Kind.INVALID, "unsupported_grant_type", description);
    }

    static Refusal invalidScope(String description) {
        return Refusal.oauth(Kind.INVALID, "invalid_scope", description);
    }

    /** The same answer for an unknown user, a wrong password and a disabled user. */
    static Refusal invalidGrant() {
        // The tutorial sends the Bearer challenge with this 400; its clients may look for it.
        return new Refusal(Kind.INVALID, "invalid_grant", INCORRECT_CREDENTIALS, "Bearer");
    }

    /** The same answer whatever is wrong with a refresh token, so that a guess learns nothing. */
    static Refusal invalidRefreshToken() {
        return Refusal.oauth(Kind.INVALID, "invalid_grant", INVALID_REFRESH_TOKEN);
    }

    static Refusal unauthorizedClient(String description) {
        return Refusal.oauth(Kind.INVALID, "unauthorized_client", description);
    }
}
