package torii.gateway.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Azure OpenAI's refusals as its REST reference shapes them, and what the caller hears of them. */
class AzureOpenAiErrorsTest {

    /** The prompt refused by the deployment's content filter; Azure's message may quote what it filtered. */
    static final String FILTERED = """
            {"error":{"message":"The response was filtered due to the prompt triggering Azure OpenAI's content \
            management policy: secret-prompt-words","type":null,"param":"prompt","code":"content_filter","status":400,
            "innererror":{"code":"ResponsibleAIPolicyViolation","content_filter_result":{
            "hate":{"filtered":true,"severity":"high"},"self_harm":{"filtered":false,"severity":"safe"},
            "sexual":{"filtered":false,"severity":"safe"},"violence":{"filtered":false,"severity":"safe"}}}}}""";

    static final String KEY_REFUSED = "{\"error\":{\"code\":\"401\",\"message\":\"Access denied due to invalid "
            + "subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription "
            + "and use a correct regional API endpoint for your resource.\"}}";

    @Test
    void contentFilterRefusalIs400OfItsOwnCodeInTheGatewaysWords() {
        var refusal = UpstreamErrors.of(400, FILTERED, Optional.empty());
        assertEquals(400, refusal.kind().status());
        assertEquals("content_filter", refusal.error());
        assertEquals("The application's content filter refused the prompt; rephrase it", refusal.getMessage());
        assertFalse(refusal.getMessage().contains("secret-prompt-words"));
    }

    @Test
    void theInnerCodeAloneIsEnough() {
        var inner = "{\"error\":{\"message\":\"filtered\",\"code\":null,\"innererror\":{\"code\":"
                + "\"ResponsibleAIPolicyViolation\"}}}";
        assertEquals("content_filter", UpstreamErrors.of(400, inner, Optional.empty()).error());
    }

    @Test
    void anyOtherRefusalKeepsItsMessage() {
        var tooLong = "{\"error\":{\"message\":\"This model's maximum context length is 128000 tokens\","
                + "\"code\":\"context_length_exceeded\",\"innererror\":{\"code\":\"Other\"}}}";
        var refusal = UpstreamErrors.of(400, tooLong, Optional.empty());
        assertEquals("upstream_400", refusal.error());
        assertEquals("This model's maximum context length is 128000 tokens", refusal.getMessage());
    }

    @Test
    void contentFilterCodeOnAServerErrorIsStillA502() {
        assertEquals(502, UpstreamErrors.of(500, FILTERED, Optional.empty()).kind().status());
    }

    @Test
    void refusedKeyIs502WithoutAzuresWords() {
        for (var status : new int[] {401, 403}) {
            var refusal = UpstreamErrors.of(status, KEY_REFUSED, Optional.empty());
            assertEquals(502, refusal.kind().status());
            assertEquals("upstream_auth", refusal.error());
            assertFalse(refusal.getMessage().contains("subscription key"));
        }
    }

    @Test
    void rateLimitKeepsAzuresRetryAfter() {
        var limited = UpstreamErrors.of(429, "{\"error\":{\"code\":\"429\",\"message\":\"Requests to the "
                + "ChatCompletions_Create Operation have exceeded the token rate limit. Please retry after 7 seconds."
                + "\"}}", Optional.of("7"));
        assertEquals(429, limited.kind().status());
        assertEquals(7L, limited.retryAfter());
    }
}
