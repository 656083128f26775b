package torii.gateway.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import torii.platform.control.JsonObjects;

/** An Azure OpenAI event stream through the relay: its prompt-filter chunk, its filter results, its usage. */
class AzureOpenAiStreamTest {

    static final String FILTER_RESULTS = "{\"hate\":{\"filtered\":false,\"severity\":\"safe\"},"
            + "\"self_harm\":{\"filtered\":false,\"severity\":\"safe\"},\"sexual\":{\"filtered\":false,"
            + "\"severity\":\"safe\"},\"violence\":{\"filtered\":false,\"severity\":\"safe\"}}";
    static final String PROMPT_FILTER = "{\"choices\":[],\"created\":0,\"id\":\"\",\"model\":\"\",\"object\":\"\","
            + "\"prompt_filter_results\":[{\"prompt_index\":0,\"content_filter_results\":" + FILTER_RESULTS + "}]}";
    static final String USAGE = "{\"choices\":[],\"created\":1,\"id\":\"chatcmpl-a\",\"model\":\"gpt-4o\","
            + "\"object\":\"chat.completion.chunk\",\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":3,"
            + "\"total_tokens\":12}}";

    static String chunk(String delta, String finish) {
        return "{\"choices\":[{\"content_filter_results\":" + FILTER_RESULTS + ",\"delta\":" + delta
                + ",\"finish_reason\":" + (finish == null ? "null" : "\"" + finish + "\"") + ",\"index\":0}],"
                + "\"created\":1,\"id\":\"chatcmpl-a\",\"model\":\"gpt-4o\",\"object\":\"chat.completion.chunk\"}";
    }

    static List<String> relay(boolean includeUsage, AtomicReference<TokenUsage> counted, String... chunks)
            throws IOException {
        var relay = new StreamRelay(Duration.ofSeconds(5), includeUsage, counted::set);
        relay.onSubscribe(new StreamRelayTest.Upstream());
        for (var chunk : chunks) {
            relay.onNext("data: " + chunk);
            relay.onNext("");
        }
        relay.onNext("data: [DONE]");
        var out = new ByteArrayOutputStream();
        relay.write(out);
        return out.toString(StandardCharsets.UTF_8).lines().filter(line -> line.startsWith("data: "))
                .map(line -> line.substring(6)).toList();
    }

    @Test
    void thePromptFilterChunkIsNotRelayed() throws IOException {
        var events = relay(false, new AtomicReference<>(), PROMPT_FILTER, chunk("{\"content\":\"Hi\"}", null),
                chunk("{}", "stop"));
        assertEquals(List.of(chunk("{\"content\":\"Hi\"}", null), chunk("{}", "stop"), "[DONE]"), events);
    }

    @Test
    void theUsageChunkStillGoesOnWhenAskedForAndIsCounted() throws IOException {
        var counted = new AtomicReference<TokenUsage>();
        var events = relay(true, counted, PROMPT_FILTER, chunk("{\"content\":\"Hi\"}", "stop"), USAGE);
        assertEquals(List.of(chunk("{\"content\":\"Hi\"}", "stop"), USAGE, "[DONE]"), events);
        assertTrue(counted.get().reported());
        assertEquals(new TokenUsage(9, 3), counted.get());
    }

    @Test
    void aFilteredCompletionEndsAsAzureEndedIt() throws IOException {
        var filtered = chunk("{}", "content_filter");
        var events = relay(false, new AtomicReference<>(), PROMPT_FILTER, chunk("{\"content\":\"Par\"}", null),
                filtered);
        assertEquals(filtered, events.get(events.size() - 2));
        assertFalse(String.join("\n", events).contains("prompt_filter_results"));
    }

    @Test
    void emptyChoicesAreEmptyOnlyWithoutUsage() {
        assertTrue(StreamRelay.isEmpty(JsonObjects.onlyObject(PROMPT_FILTER).orElseThrow()));
        assertFalse(StreamRelay.isEmpty(JsonObjects.onlyObject(USAGE).orElseThrow()));
        assertFalse(StreamRelay.isEmpty(JsonObjects.onlyObject(chunk("{}", "stop")).orElseThrow()));
    }
}
