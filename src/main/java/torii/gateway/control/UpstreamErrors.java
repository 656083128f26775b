package torii.gateway.control;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.net.http.HttpTimeoutException;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import torii.errors.boundary.ApiException;

/**
 * What the caller hears when an upstream fails: 504 when it is too slow, 502 when it cannot be reached or answers
 * garbage or a server error. A refusal the caller can act on (a request too long for the model, the upstream's own
 * rate limit) keeps its status and the upstream's message, as LiteLLM and Azure API Management pass them on; a
 * refusal of the gateway's own credentials is the operator's to fix and is reported as 502 without the upstream's
 * words, which may quote the key.
 */
public interface UpstreamErrors {

    int MAX_MESSAGE = 500;

    static ApiException timeout() {
        return new ApiException(504, "upstream_timeout", "The application's model server did not answer in time",
                null);
    }

    static ApiException unreachable() {
        return new ApiException(502, "upstream_unavailable", "The application's model server cannot be reached",
                null);
    }

    static ApiException garbage() {
        return new ApiException(502, "upstream_error", "The application's model server answered something that is "
                + "not a chat completion", null);
    }

    /** A failure of the exchange itself, before any answer. */
    static ApiException of(Throwable failure) {
        var cause = failure instanceof CompletionException wrapped && wrapped.getCause() != null
                ? wrapped.getCause() : failure;
        if (cause instanceof ApiException api) {
            return api;
        }
        return cause instanceof HttpTimeoutException || cause instanceof TimeoutException ? timeout() : unreachable();
    }

    /** An answer that is not a success. */
    static ApiException of(int status, String body, Optional<String> retryAfter) {
        if (status == 400 || status == 404 || status == 413 || status == 422) {
            return new ApiException(status == 404 ? 400 : status, "upstream_" + status,
                    message(body).orElse("The application's model server refused the request"), null);
        }
        if (status == 429) {
            var seconds = retryAfter.flatMap(UpstreamErrors::seconds).orElse(1L);
            return ApiException.retryLater(429, "upstream_rate_limited",
                    message(body).orElse("The application's model server is rate limiting"), seconds);
        }
        if (status == 401 || status == 403) {
            return new ApiException(502, "upstream_auth", "The application's model server refused the gateway's "
                    + "credentials", null);
        }
        return new ApiException(502, "upstream_error", "The application's model server failed (status " + status + ")",
                null);
    }

    static Optional<Long> seconds(String text) {
        try {
            return Optional.of(Long.parseLong(text.strip()));
        } catch (NumberFormatException notSeconds) {
            return Optional.empty();
        }
    }

    /** The message of OpenAI's error shape, shortened; none for anything else. */
    static Optional<String> message(String body) {
        try (var reader = Json.createReader(new StringReader(body))) {
            if (reader.readValue() instanceof JsonObject object && object.get("error") instanceof JsonObject error
                    && error.get("message") instanceof JsonString message && !message.getString().isBlank()) {
                var text = message.getString();
                return Optional.of(text.length() > MAX_MESSAGE ? text.substring(0, MAX_MESSAGE) + "…" : text);
            }
        } catch (RuntimeException notJson) {
            // Answered like a body without a message.
        }
        return Optional.empty();
    }
}
