package torii.gateway.control;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The built-in backend: answers with the text of the user's last message, in the shapes of OpenAI's chat
 * completions, streamed or not, counting words as tokens, so that the whole path works without a model server.
 */
public record Echo(String id, String model, long created, String answer, TokenUsage usage) {

    static final Pattern WORDS = Pattern.compile("\\S+");
    /** A word with the spaces before it: one content delta of a stream. */
    static final Pattern PIECES = Pattern.compile("\\s*\\S+|\\s+$");

    /**
     * The longest answer, in characters: the echo is for demos and tests, and a conversation of megabytes echoed back
     * would be a way to make the server hold megabytes for a caller that stops reading.
     */
    static final int MAX_ANSWER = 16_384;

    public static Echo answer(ChatRequest request, String model) {
        var text = request.lastUserText();
        var answer = text.length() > MAX_ANSWER ? text.substring(0, MAX_ANSWER) : text;
        // An id need only be unique, not unguessable: no draw from the shared, locked SecureRandom on each call.
        var random = ThreadLocalRandom.current();
        var hex = HexFormat.of();
        return new Echo("chatcmpl-" + hex.toHexDigits(random.nextLong()) + hex.toHexDigits(random.nextLong()), model,
                System.currentTimeMillis() / 1000, answer,
                new TokenUsage(words(request.allText()), words(answer)));
    }

    static long words(String text) {
        return WORDS.matcher(text).results().count();
    }

    public JsonObject completion() {
        var message = JsonText.JSON.createObjectBuilder().add("role", "assistant").add("content", answer);
        var choice = JsonText.JSON.createObjectBuilder().add("index", 0).add("message", message).add("finish_reason", "stop");
        return head("chat.completion").add("choices", JsonText.JSON.createArrayBuilder().add(choice)).add("usage", usageObject())
                .build();
    }

    /** The role first, then a word at a time, then the finish, then the usage if asked for; each made when taken. */
    public Stream<JsonObject> chunks(boolean includeUsage) {
        var role = Stream.of(JsonText.JSON.createObjectBuilder().add("role", "assistant").add("content", ""));
        var words = PIECES.matcher(answer).results()
                .map(piece -> JsonText.JSON.createObjectBuilder().add("content", piece.group()));
        var deltas = Stream.concat(role, words).map(delta -> chunk(delta, null));
        var finish = Stream.of(JsonText.JSON.createObjectBuilder()).map(delta -> chunk(delta, "stop"));
        var usageChunk = includeUsage ? Stream.of(true).map(asked -> head("chat.completion.chunk")
                .add("choices", JsonText.JSON.createArrayBuilder()).add("usage", usageObject()).build())
                : Stream.<JsonObject>empty();
        return Stream.of(deltas, finish, usageChunk).flatMap(chunks -> chunks);
    }

    JsonObject chunk(JsonObjectBuilder delta, String finishReason) {
        var choice = JsonText.JSON.createObjectBuilder().add("index", 0).add("delta", delta);
        choice = finishReason == null ? choice.addNull("finish_reason") : choice.add("finish_reason", finishReason);
        return head("chat.completion.chunk").add("choices", JsonText.JSON.createArrayBuilder().add(choice)).build();
    }

    JsonObjectBuilder head(String object) {
        return JsonText.JSON.createObjectBuilder().add("id", id).add("object", object).add("created", created)
                .add("model", model);
    }

    JsonObjectBuilder usageObject() {
        return JsonText.JSON.createObjectBuilder().add("prompt_tokens", usage.prompt())
                .add("completion_tokens", usage.completion())
                .add("total_tokens", usage.prompt() + usage.completion());
    }
}
