package torii.platform.control;

import jakarta.ejb.ApplicationException;

/**
 * A request refused for a reason the caller caused or may act on: its {@link Kind}, the OAuth 2.0 error code where
 * OAuth defines the error (RFC 6749 section 5.2), a description, a {@code WWW-Authenticate} challenge where one is
 * due, the seconds after which to try again where waiting helps, and the request field at fault where there is one.
 * One mapper turns every refusal into an HTTP answer of one JSON shape.
 */
// An application exception: EJBs pass it to the caller as it is, neither wrapped nor logged, and roll back.
@ApplicationException(rollback = true)
public class Refusal extends RuntimeException {

    /** Why a request is refused; each kind is answered with one HTTP status, named here so that it has one place. */
    public enum Kind {
        INVALID(400), UNAUTHENTICATED(401), FORBIDDEN(403), NOT_FOUND(404), CONFLICT(409), TOO_LARGE(413),
        UNPROCESSABLE(422), THROTTLED(429), UPSTREAM_FAILED(502), BUSY(503), UPSTREAM_TIMEOUT(504);

        private final int status;

        Kind(int status) {
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private final Kind kind;
    private final String error;
    private final String challenge;
    private final Long retryAfter;
    private final String param;

    public Refusal(Kind kind, String error, String detail, String challenge) {
        this(kind, error, detail, challenge, null, null);
    }

    private Refusal(Kind kind, String error, String detail, String challenge, Long retryAfter, String param) {
        // No stack trace: these are expected outcomes on hot paths (every rejected token), not bugs.
        super(detail, null, false, false);
        this.kind = kind;
        this.error = error;
        this.challenge = challenge;
        this.retryAfter = retryAfter;
        this.param = param;
    }

    /** A malformed request naming the request field at fault, as OpenAI's error shape can. */
    public static Refusal invalidParam(String param, String description) {
        return new Refusal(Kind.INVALID, "invalid_request", param + ": " + description, null, null, param);
    }

    /** A refusal that a client may repeat after waiting (RFC 9110 section 10.2.3). */
    public static Refusal retryLater(Kind kind, String error, String description, long seconds) {
        return new Refusal(kind, error, description, null, Math.max(1, seconds), null);
    }

    public static Refusal oauth(Kind kind, String error, String description) {
        return new Refusal(kind, error, description, null);
    }

    public Kind kind() {
        return kind;
    }

    public String error() {
        return error;
    }

    public String challenge() {
        return challenge;
    }

    /** Seconds to wait before trying again, or null. */
    public Long retryAfter() {
        return retryAfter;
    }

    /** The request field at fault, or null. */
    public String param() {
        return param;
    }

    public ErrorBody body() {
        return error == null ? ErrorBody.detail(getMessage()) : ErrorBody.oauth(error, getMessage());
    }
}
