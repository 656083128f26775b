package torii.gateway.control;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;
import torii.platform.control.JsonObjects;

/**
 * What a token endpoint answered to the client credentials grant: a success is a JSON object with a bearer
 * {@code access_token} and its {@code expires_in} in seconds (RFC 6749 section 5.1); anything else is a
 * {@link TokenFailure}. Its text shows the status only: the body holds a token or the endpoint's words.
 */
record TokenAnswer(int status, String body) {

    /** How long before its expiry a token is replaced, at most: time for the call it goes with to reach Azure. */
    static final Duration MARGIN = Duration.ofSeconds(60);
    /** The longest life believed; Entra's tokens live about an hour, and a wrong number must not keep one for ever. */
    static final long MAX_LIFE_SECONDS = Duration.ofDays(1).toSeconds();

    /** A bearer token's characters (RFC 6750 section 2.1), which also keep it from breaking the header it goes in. */
    private static final Pattern B64TOKEN = Pattern.compile("[A-Za-z0-9\\-._~+/]+=*");
    /** An OAuth error code's characters (RFC 6749 section 5.2), short enough for a log line. */
    private static final Pattern ERROR_CODE = Pattern.compile("[\\x20\\x21\\x23-\\x5B\\x5D-\\x7E]{1,80}");

    /** A token, and when to stop using it. Its text never shows it. */
    record Token(String value, Instant renewAt) {

        @Override
        public String toString() {
            return "Token[renew at " + renewAt + "]";
        }
    }

    /**
     * The token, used until 60 seconds before it expires, or until half its life has passed if that comes later, so
     * that a short-lived one is used at all.
     */
    Token token(Instant asked) {
        if (status / 100 != 2) {
            throw new TokenFailure("refused the gateway's client (status " + status + ")", errorCode());
        }
        var answer = JsonObjects.onlyObject(body).orElseThrow(TokenAnswer::notAToken);
        if (!(answer.get("access_token") instanceof JsonString token) || !B64TOKEN.matcher(token.getString()).matches()
                || !(answer.get("token_type") instanceof JsonString type) || !type.getString().equalsIgnoreCase("Bearer")) {
            throw notAToken();
        }
        var life = seconds(answer).filter(seconds -> seconds > 0).orElseThrow(TokenAnswer::notAToken);
        var margin = Math.min(MARGIN.toSeconds(), life / 2);
        return new Token(token.getString(), asked.plusSeconds(life - margin));
    }

    /** {@code expires_in} as a number, or as the text of one, as Entra's v1.0 endpoint gives it; at most a day. */
    static Optional<Long> seconds(JsonObject answer) {
        BigDecimal value;
        if (answer.get("expires_in") instanceof JsonNumber number) {
            value = number.bigDecimalValue();
        } else if (answer.get("expires_in") instanceof JsonString text && text.getString().matches("[0-9]{1,19}")) {
            value = new BigDecimal(text.getString());
        } else {
            return Optional.empty();
        }
        return Optional.of(value.min(BigDecimal.valueOf(MAX_LIFE_SECONDS)).longValue());
    }

    static TokenFailure notAToken() {
        return new TokenFailure("answered something that is not a bearer token with its lifetime", "");
    }

    /**
     * The OAuth error code of a refusal and Entra's own first code ({@code AADSTS} and a number), which tell an
     * operator what to fix (an expired secret, a wrong client id) without quoting anything sent.
     */
    String errorCode() {
        var answer = JsonObjects.onlyObject(body);
        var error = answer.map(object -> object.get("error")).filter(JsonString.class::isInstance)
                .map(value -> ((JsonString) value).getString()).filter(code -> ERROR_CODE.matcher(code).matches());
        var entra = answer.map(object -> object.get("error_codes")).filter(JsonArray.class::isInstance)
                .map(JsonArray.class::cast).filter(codes -> !codes.isEmpty() && codes.get(0) instanceof JsonNumber)
                .map(codes -> " (AADSTS" + codes.getJsonNumber(0).longValue() + ")");
        return error.map(code -> code + entra.orElse("")).orElse("");
    }

    @Override
    public String toString() {
        return "TokenAnswer[" + status + "]";
    }
}
