package torii.gateway.control;

import java.net.http.HttpTimeoutException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import torii.platform.control.Refusal.Kind;
import torii.platform.control.Refusal;

/**
 * Why no token came from a token endpoint, in the gateway's words: what the caller hears, and an OAuth error code for
 * the log. It keeps no cause, since the cause of a failed exchange may name what was sent.
 */
final class TokenFailure extends RuntimeException {

    private final String errorCode;

    TokenFailure(String reason, String errorCode) {
        super(reason, null, false, false);
        this.errorCode = errorCode;
    }

    /** The failure of an exchange: one of these as it is, or the endpoint unreachable or too slow. */
    static TokenFailure of(Throwable failure) {
        var cause = failure instanceof CompletionException wrapped && wrapped.getCause() != null
                ? wrapped.getCause() : failure;
        if (cause instanceof TokenFailure known) {
            return known;
        }
        if (cause instanceof Refusal tooLarge) {
            // LimitedAnswer's, for an answer past its limit.
            return TokenAnswer.notAToken();
        }
        return new TokenFailure(cause instanceof HttpTimeoutException || cause instanceof TimeoutException
                ? "did not answer in time" : "cannot be reached", "");
    }

    /** A 502 {@code upstream_auth}: the gateway's credentials for the application's upstream failed. */
    Refusal refusal() {
        return new Refusal(Kind.UPSTREAM_FAILED, UpstreamErrors.AUTH, "The gateway could not obtain an access token for "
                + "the application from Microsoft Entra ID: the token endpoint " + getMessage(), null);
    }

    /** The reason and the OAuth error code, if the endpoint gave one: for the log, with nothing that was sent. */
    String logged() {
        return errorCode.isEmpty() ? getMessage() : getMessage() + ", error " + errorCode;
    }
}
