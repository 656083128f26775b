package torii.gateway.control;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The built-in backend: answers with the text of the user's last message, in the shapes of OpenAI's chat
 * completions, streamed or not, counting words as tokens, so that the whole path works without a model server.
 */
public record Echo(String id, String model, long created, String answer, TokenUsage usage) {

    static final Pattern WORDS = Pattern.compile("\\S+");
    /** A word with the spaces before it: one content delta of a stream. */
    static final Pattern PIECES = Pattern.compile("\\s*\\S+|\\s+$");

    public static Echo answer(ChatRequest request, String model) {
        var answer = request.lastUserText();
        return new Echo("chatcmpl-" + UUID.randomUUID().toString().replace("-", ""), model,
                System.currentTimeMillis() / 1000, answer,
                new TokenUsage(words(request.allText()), words(answer)));
    }

    static long words(String text) {
        return WORDS.matcher(text).results().count();
    }

    public JsonObject completion() {
        var message = Json.createObjectBuilder().add("role", "assistant").add("content", answer);
        var choice = Json.createObjectBuilder().add("index", 0).add("message", message).add("finish_reason", "stop");
        return head("chat.completion").add("choices", Json.createArrayBuilder().add(choice)).add("usage", usageObject())
                .build();
    }

    /** The role first, then a word at a time, then the finish, then the usage if asked for. */
    public List<JsonObject> chunks(boolean includeUsage) {
        var chunks = new ArrayList<JsonObject>();
        chunks.add(chunk(Json.createObjectBuilder().add("role", "assistant").add("content", ""), null));
        PIECES.matcher(answer).results()
                .forEach(piece -> chunks.add(chunk(Json.createObjectBuilder().add("content", piece.group()), null)));
        chunks.add(chunk(Json.createObjectBuilder(), "stop"));
        if (includeUsage) {
            chunks.add(head("chat.completion.chunk").add("choices", Json.createArrayBuilder()).add("usage", usageObject())
                    .build());
        }
        return chunks;
    }

    JsonObject chunk(JsonObjectBuilder delta, String finishReason) {
        var choice = Json.createObjectBuilder().add("index", 0).add("delta", delta);
        choice = finishReason == null ? choice.addNull("finish_reason") : choice.add("finish_reason", finishReason);
        return head("chat.completion.chunk").add("choices", Json.createArrayBuilder().add(choice)).build();
    }

    JsonObjectBuilder head(String object) {
        return Json.createObjectBuilder().add("id", id).add("object", object).add("created", created)
                .add("model", model);
    }

    JsonObjectBuilder usageObject() {
        return Json.createObjectBuilder().add("prompt_tokens", usage.prompt())
                .add("completion_tokens", usage.completion())
                .add("total_tokens", usage.prompt() + usage.completion());
    }
}
