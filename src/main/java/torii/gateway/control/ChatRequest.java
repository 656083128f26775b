package torii.gateway.control;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.stream.Collectors;
import torii.platform.control.JsonObjects;
import torii.platform.control.Refusal.Kind;
import torii.platform.control.Refusal;

/**
 * A chat-completions request as the caller sent it, every field kept so that an upstream receives the ones this
 * service does not know; checked for what the gateway itself needs: the model and the messages.
 */
public record ChatRequest(JsonObject body, String model, boolean stream, boolean includeUsage) {

    public static ChatRequest parse(String text) {
        var body = JsonObjects.onlyObject(text == null ? "" : text)
                .orElseThrow(() -> new Refusal(Kind.INVALID, "invalid_request", "The body must be a JSON object", null));
        if (!(body.get("model") instanceof JsonString model) || model.getString().isBlank()) {
            throw Refusal.invalidParam("model", "an application id is required");
        }
        var messages = body.get("messages");
        if (messages == null || messages.getValueType() != JsonValue.ValueType.ARRAY || messages.asJsonArray().isEmpty()
                || !messages.asJsonArray().stream().allMatch(ChatRequest::isMessage)) {
            throw Refusal.invalidParam("messages", "a non-empty array of objects with a role is required");
        }
        var stream = flag(body, "stream");
        var options = body.get("stream_options");
        if (options != null && options.getValueType() != JsonValue.ValueType.OBJECT
                && options.getValueType() != JsonValue.ValueType.NULL) {
            throw Refusal.invalidParam("stream_options", "must be an object");
        }
        var includeUsage = options instanceof JsonObject given && flag(given, "include_usage");
        return new ChatRequest(body, model.getString(), stream, includeUsage);
    }

    static boolean isMessage(JsonValue message) {
        return message instanceof JsonObject object && object.get("role") instanceof JsonString;
    }

    static boolean flag(JsonObject object, String name) {
        var value = object.get(name);
        if (value == null || value == JsonValue.NULL || value == JsonValue.FALSE) {
            return false;
        }
        if (value == JsonValue.TRUE) {
            return true;
        }
        throw Refusal.invalidParam(name, "must be true or false");
    }

    /**
     * The body for an upstream: its own model name, the caller named in {@code user}, and for a stream a request for
     * the usage chunk, which the caller gets only if they asked for it too.
     */
    public JsonObject forUpstream(String upstreamModel, String username) {
        var upstream = JsonObjects.JSON.createObjectBuilder(body).add("model", upstreamModel).add("user", username);
        if (stream) {
            var options = body.get("stream_options") instanceof JsonObject given
                    ? JsonObjects.JSON.createObjectBuilder(given) : JsonObjects.JSON.createObjectBuilder();
            upstream.add("stream_options", options.add("include_usage", true));
        }
        return upstream.build();
    }

    /** The text of the last message from the user, its text parts joined when it has several. */
    public String lastUserText() {
        var messages = body.getJsonArray("messages");
        for (var i = messages.size() - 1; i >= 0; i--) {
            var message = messages.getJsonObject(i);
            if ("user".equals(message.getString("role"))) {
                return text(message.get("content"));
            }
        }
        return "";
    }

    /** All the text of all the messages, for counting. */
    public String allText() {
        return body.getJsonArray("messages").stream().map(message -> text(message.asJsonObject().get("content")))
                .collect(Collectors.joining(" "));
    }

    static String text(JsonValue content) {
        if (content instanceof JsonString text) {
            return text.getString();
        }
        if (content != null && content.getValueType() == JsonValue.ValueType.ARRAY) {
            return content.asJsonArray().stream()
                    .filter(part -> part instanceof JsonObject object && object.get("text") instanceof JsonString)
                    .map(part -> part.asJsonObject().getString("text")).collect(Collectors.joining(" "));
        }
        return "";
    }
}
