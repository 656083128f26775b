package torii.federation.entity;

/**
 * Why a sign-in at a provider did not give an identity. The message is safe to show (it never holds a token, a code
 * or a secret); {@link Reason#error()} is the OAuth 2.0 error code that fits the reason best.
 */
public class UpstreamFailure extends RuntimeException {

    public enum Reason {
        /** No provider of that id is configured. */
        UNKNOWN_PROVIDER("invalid_request"),
        /** The authorization request to carry along is too long for a cookie. */
        REQUEST_TOO_LARGE("invalid_request"),
        /** The person refused, or cancelled at the provider ({@code error=access_denied}). */
        DENIED("access_denied"),
        /** The provider answered the authorization request with another error. */
        PROVIDER_ERROR("server_error"),
        /** The callback's state is not the one this browser's sign-in started with, or its cookie is gone or forged. */
        STATE_MISMATCH("invalid_request"),
        /** The sign-in took longer than the cookie's lifetime. */
        EXPIRED("invalid_request"),
        /** The token request failed, or the ID token did not pass validation. */
        INVALID_TOKEN("server_error"),
        /** The provider could not be reached in time, or its metadata was unusable. */
        UNREACHABLE("temporarily_unavailable");

        private final String error;

        Reason(String error) {
            this.error = error;
        }

        public String error() {
            return error;
        }
    }

    private final Reason reason;

    public UpstreamFailure(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public UpstreamFailure(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
