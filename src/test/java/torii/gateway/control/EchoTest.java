package torii.gateway.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class EchoTest {

    static Echo echo(String text) {
        return Echo.answer(ChatRequest.parse("{\"model\":\"a\",\"messages\":[{\"role\":\"system\",\"content\":"
                + "\"Be kind\"},{\"role\":\"user\",\"content\":\"" + text + "\"}]}"), "app");
    }

    @Test
    void answersTheLastUserMessageCountingWords() {
        var completion = echo("  Hello   world ").completion();
        assertEquals("  Hello   world ", completion.getJsonArray("choices").getJsonObject(0).getJsonObject("message")
                .getString("content"));
        assertEquals(4, completion.getJsonObject("usage").getInt("prompt_tokens"));
        assertEquals(2, completion.getJsonObject("usage").getInt("completion_tokens"));
        assertEquals(6, completion.getJsonObject("usage").getInt("total_tokens"));
        assertEquals("app", completion.getString("model"));
        assertTrue(completion.getString("id").matches("chatcmpl-[0-9a-f]{32}"));
    }

    @Test
    void chunksCarryTheWholeTextInOrder() {
        var chunks = echo("  Hello   world ").chunks(false).toList();
        var text = chunks.subList(1, chunks.size() - 1).stream()
                .map(chunk -> chunk.getJsonArray("choices").getJsonObject(0).getJsonObject("delta").getString("content"))
                .collect(Collectors.joining());
        assertEquals("  Hello   world ", text);
        assertEquals("stop", chunks.get(chunks.size() - 1).getJsonArray("choices").getJsonObject(0)
                .getString("finish_reason"));
    }

    @Test
    void usageChunkComesLastWhenAskedFor() {
        var chunks = echo("one two").chunks(true).toList();
        var last = chunks.get(chunks.size() - 1);
        assertTrue(last.getJsonArray("choices").isEmpty());
        assertEquals(2, last.getJsonObject("usage").getInt("completion_tokens"));
        assertEquals(5, chunks.size(), "role, two words, finish, usage");
    }

    @Test
    void anAnswerIsCutAtItsLongestAndMadeAChunkAtATime() {
        var echo = echo("word ".repeat(1_000_000));
        assertEquals(Echo.MAX_ANSWER, echo.answer().length());
        var first = echo.chunks(false).iterator();
        first.next();
        assertEquals("word", first.next().getJsonArray("choices").getJsonObject(0).getJsonObject("delta")
                .getString("content"));
    }
}
