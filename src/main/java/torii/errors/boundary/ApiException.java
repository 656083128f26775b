package torii.errors.boundary;

import jakarta.ejb.ApplicationException;

/**
 * A failure the client caused or may act on, answered with one JSON shape by {@link ErrorMapper}: an HTTP status, the
 * OAuth 2.0 error code where OAuth defines the error (RFC 6749 section 5.2), a detail, a {@code WWW-Authenticate}
 * challenge where one is due, and the seconds after which to try again where waiting helps.
 */
// An application exception: EJBs pass it to the caller as it is, neither wrapped nor logged, and roll back.
@ApplicationException(rollback = true)
public class ApiException extends RuntimeException {

    private final int status;
    private final String error;
    private final String challenge;
    private final Long retryAfter;
    private final String param;

    public ApiException(int status, String error, String detail, String challenge) {
        this(status, error, detail, challenge, null, null);
    }

    private ApiException(int status, String error, String detail, String challenge, Long retryAfter, String param) {
        // No stack trace: these are expected outcomes on hot paths (every rejected token), not bugs.
        super(detail, null, false, false);
        this.status = status;
        this.error = error;
        this.challenge = challenge;
        this.retryAfter = retryAfter;
        this.param = param;
    }

    /** A malformed request naming the request field at fault, as OpenAI's error shape can. */
    public static ApiException invalidParam(String param, String description) {
        return new ApiException(400, "invalid_request", param + ": " + description, null, null, param);
    }

    /** A refusal that a client may repeat after waiting: 429 or 503 with {@code Retry-After} (RFC 9110 10.2.3). */
    public static ApiException retryLater(int status, String error, String description, long seconds) {
        return new ApiException(status, error, description, null, Math.max(1, seconds), null);
    }

    public static ApiException oauth(int status, String error, String description) {
        return new ApiException(status, error, description, null);
    }

    public int status() {
        return status;
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
