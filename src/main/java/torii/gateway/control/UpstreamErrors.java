package torii.gateway.control;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.net.http.HttpTimeoutException;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import torii.platform.control.JsonObjects;
import torii.platform.control.Refusal.Kind;
import torii.platform.control.Refusal;

/**
 * What the caller hears when an upstream fails: 504 when it is too slow, 502 when it cannot be reached or answers
 * garbage or a server error. A refusal the caller can act on (a request too long for the model, the upstream's own
 * rate limit) keeps its status and the upstream's message, as LiteLLM and Azure API Management pass them on; a
 * refusal of the gateway's own credentials is the operator's to fix and is reported as 502 without the upstream's
 * words, which may quote the key. A prompt refused by Azure OpenAI's content filter is a 400 of its own code, in
 * words of the gateway's: Azure's may quote what it filtered.
 */
public interface UpstreamErrors {

    int MAX_MESSAGE = 500;

    /** The code of a content-filter refusal, Azure OpenAI's and the gateway's alike. */
    String CONTENT_FILTER = "content_filter";
    /** Azure OpenAI's inner code for the same refusal. */
    String POLICY_VIOLATION = "ResponsibleAIPolicyViolation";

    /** The code of an upstream's refusal of the gateway's credentials, or of the gateway's failure to obtain them. */
    String AUTH = "upstream_auth";
    String CREDENTIALS_REFUSED = "The application's model server refused the gateway's credentials";

    static Refusal timeout() {
        return new Refusal(Kind.UPSTREAM_TIMEOUT, "upstream_timeout", "The application's model server did not answer in time",
                null);
    }

    static Refusal unreachable() {
        return new Refusal(Kind.UPSTREAM_FAILED, "upstream_unavailable", "The application's model server cannot be reached",
                null);
    }

    static Refusal garbage() {
        return new Refusal(Kind.UPSTREAM_FAILED, "upstream_error", "The application's model server answered something that is "
                + "not a chat completion", null);
    }

    /**
     * Whether the failure is the upstream's 401: it did not take the gateway's credentials as valid, which a new token
     * may change. A 403 is not one: Azure answers it when the call comes from a network it does not allow, whatever the
     * token.
     */
    static boolean unauthorized(Throwable failure) {
        var cause = failure instanceof CompletionException wrapped && wrapped.getCause() != null
                ? wrapped.getCause() : failure;
        return cause instanceof Unauthorized;
    }

    /** An upstream's 401, told apart from its 403 only here: the caller hears the same of both. */
    final class Unauthorized extends Refusal {

        Unauthorized() {
            super(Kind.UPSTREAM_FAILED, AUTH, CREDENTIALS_REFUSED, null);
        }
    }

    /** A failure of the exchange itself, before any answer. */
    static Refusal of(Throwable failure) {
        var cause = failure instanceof CompletionException wrapped && wrapped.getCause() != null
                ? wrapped.getCause() : failure;
        if (cause instanceof Refusal api) {
            return api;
        }
        return cause instanceof HttpTimeoutException || cause instanceof TimeoutException ? timeout() : unreachable();
    }

    /**
     * The application's content filter refused the prompt: Azure OpenAI's 400 with {@code content_filter}, also as
     * LiteLLM passes it on.
     */
    static Refusal contentFilter() {
        return new Refusal(Kind.INVALID, CONTENT_FILTER, "The application's content filter refused the prompt; "
                + "rephrase it", null);
    }

    /** An answer that is not a success. */
    static Refusal of(int status, String body, Optional<String> retryAfter) {
        if (status == 400 && contentFiltered(body)) {
            return contentFilter();
        }
        if (status == 400 || status == 404 || status == 413 || status == 422) {
            var kind = switch (status) {
                case 413 -> Kind.TOO_LARGE;
                case 422 -> Kind.UNPROCESSABLE;
                default -> Kind.INVALID;
            };
            return new Refusal(kind, "upstream_" + status,
                    message(body).orElse("The application's model server refused the request"), null);
        }
        if (status == 429) {
            var seconds = retryAfter.flatMap(UpstreamErrors::seconds).orElse(1L);
            return Refusal.retryLater(Kind.THROTTLED, "upstream_rate_limited",
                    message(body).orElse("The application's model server is rate limiting"), seconds);
        }
        if (status == 401) {
            return new Unauthorized();
        }
        if (status == 403) {
            return new Refusal(Kind.UPSTREAM_FAILED, AUTH, CREDENTIALS_REFUSED, null);
        }
        return new Refusal(Kind.UPSTREAM_FAILED, "upstream_error", "The application's model server failed (status " + status + ")",
                null);
    }

    static Optional<Long> seconds(String text) {
        try {
            return Optional.of(Long.parseLong(text.strip()));
        } catch (NumberFormatException notSeconds) {
            return Optional.empty();
        }
    }

    /** Whether the body is an error whose code, or its inner error's, is Azure OpenAI's for a filtered prompt. */
    static boolean contentFiltered(String body) {
        return JsonObjects.onlyObject(body).map(object -> object.get("error"))
                .filter(error -> error instanceof JsonObject object && (code(object).equals(CONTENT_FILTER)
                        || object.get("innererror") instanceof JsonObject inner
                        && code(inner).equals(POLICY_VIOLATION)))
                .isPresent();
    }

    static String code(JsonObject error) {
        return error.get("code") instanceof JsonString code ? code.getString() : "";
    }

    /** The message of OpenAI's error shape, shortened; none for anything else. */
    static Optional<String> message(String body) {
        return JsonObjects.onlyObject(body).map(object -> object.get("error"))
                .filter(error -> error instanceof JsonObject object && object.get("message") instanceof JsonString text
                        && !text.getString().isBlank())
                .map(error -> error.asJsonObject().getString("message"))
                .map(text -> text.length() > MAX_MESSAGE ? text.substring(0, MAX_MESSAGE) + "…" : text);
    }
}
