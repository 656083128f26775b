package torii.gateway.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import torii.platform.control.Refusal;

class ChatRequestTest {

    static final String MESSAGES = "\"messages\":[{\"role\":\"user\",\"content\":\"first\"},"
            + "{\"role\":\"assistant\",\"content\":\"reply\"},"
            + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"last\"},{\"type\":\"image_url\"},"
            + "{\"type\":\"text\",\"text\":\"words\"}]}]";

    static String paramOf(String body) {
        return assertThrows(Refusal.class, () -> ChatRequest.parse(body)).param();
    }

    @Test
    void modelAndMessagesAreRequired() {
        assertEquals("model", paramOf("{" + MESSAGES + "}"));
        assertEquals("model", paramOf("{\"model\":\" \"," + MESSAGES + "}"));
        assertEquals("messages", paramOf("{\"model\":\"a\"}"));
        assertEquals("messages", paramOf("{\"model\":\"a\",\"messages\":[]}"));
        assertEquals("messages", paramOf("{\"model\":\"a\",\"messages\":[{\"content\":\"x\"}]}"));
        assertEquals("messages", paramOf("{\"model\":\"a\",\"messages\":[\"x\"]}"));
    }

    @Test
    void streamFlagsAreBooleans() {
        assertEquals("stream", paramOf("{\"model\":\"a\"," + MESSAGES + ",\"stream\":1}"));
        assertEquals("stream_options", paramOf("{\"model\":\"a\"," + MESSAGES + ",\"stream_options\":true}"));
        var request = ChatRequest.parse("{\"model\":\"a\"," + MESSAGES
                + ",\"stream\":true,\"stream_options\":{\"include_usage\":true}}");
        assertTrue(request.stream());
        assertTrue(request.includeUsage());
        assertFalse(ChatRequest.parse("{\"model\":\"a\"," + MESSAGES + ",\"stream\":null}").stream());
    }

    @Test
    void bodyThatIsNotAnObjectIsRefusedWithoutAParam() {
        for (var body : new String[] {"", "[]", "{\"model\":", "null", "\"text\""}) {
            var refused = assertThrows(Refusal.class, () -> ChatRequest.parse(body));
            assertEquals(400, refused.kind().status(), body);
        }
    }

    @Test
    void upstreamGetsItsModelTheUserAndEveryOtherField() {
        var request = ChatRequest.parse("{\"model\":\"app\"," + MESSAGES + ",\"temperature\":0.5,\"user\":\"forged\"}");
        var upstream = request.forUpstream("llama3", "johndoe");
        assertEquals("llama3", upstream.getString("model"));
        assertEquals("johndoe", upstream.getString("user"));
        assertEquals(0.5, upstream.getJsonNumber("temperature").doubleValue());
        assertEquals(request.body().getJsonArray("messages"), upstream.getJsonArray("messages"));
        assertFalse(upstream.containsKey("stream_options"));
    }

    @Test
    void streamAsksTheUpstreamForUsageKeepingOtherOptions() {
        var request = ChatRequest.parse("{\"model\":\"app\"," + MESSAGES
                + ",\"stream\":true,\"stream_options\":{\"vendor\":1}}");
        var options = request.forUpstream("m", "u").getJsonObject("stream_options");
        assertTrue(options.getBoolean("include_usage"));
        assertEquals(1, options.getInt("vendor"));
        assertFalse(request.includeUsage());
    }

    @Test
    void lastUserTextJoinsItsTextParts() {
        assertEquals("last words", ChatRequest.parse("{\"model\":\"a\"," + MESSAGES + "}").lastUserText());
    }
}
