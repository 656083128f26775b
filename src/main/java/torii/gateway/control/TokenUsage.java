package torii.gateway.control;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/** The tokens a completion used, as its backend reported them; none when it did not. */
public record TokenUsage(long prompt, long completion) {

    public static final TokenUsage NONE = new TokenUsage(0, 0);

    /** The {@code usage} object of a completion or chunk; NONE if there is none or it is malformed. */
    public static TokenUsage of(JsonObject completion) {
        var usage = completion.get("usage");
        if (!(usage instanceof JsonObject object)) {
            return NONE;
        }
        return new TokenUsage(count(object.get("prompt_tokens")), count(object.get("completion_tokens")));
    }

    static long count(JsonValue value) {
        return value instanceof JsonNumber number && number.isIntegral() ? Math.max(0, number.longValue()) : 0;
    }

    public boolean reported() {
        return prompt > 0 || completion > 0;
    }
}
