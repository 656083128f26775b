package torii.signin.control;

/**
 * An error of an authorization request (RFC 6749 section 4.1.2.1): told to the client by redirect, unless the client
 * or the redirect URI is what is wrong, when the redirect URI cannot be trusted and the user is told instead.
 */
public class AuthorizationError extends RuntimeException {

    private final String error;
    private final boolean redirectable;

    public AuthorizationError(String error, String description) {
        this(error, description, true);
    }

    AuthorizationError(String error, String description, boolean redirectable) {
        super(description, null, false, false);
        this.error = error;
        this.redirectable = redirectable;
    }

    public static AuthorizationError invalidRequest(String description) {
        return new AuthorizationError("invalid_request", description);
    }

    /** A problem with the client or its redirect URI: never redirected. */
    public static AuthorizationError unredirectable(String description) {
        return new AuthorizationError("invalid_request", description, false);
    }

    public String error() {
        return error;
    }

    public boolean redirectable() {
        return redirectable;
    }
}
