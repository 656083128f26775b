package torii.platform.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OpenAiErrorTest {

    @Test
    void appliesUnderV1Only() {
        assertTrue(OpenAiError.applies("v1/models"));
        assertTrue(OpenAiError.applies("/v1/chat/completions"));
        assertTrue(OpenAiError.applies("v1"));
        assertFalse(OpenAiError.applies("v1x/models"));
        assertFalse(OpenAiError.applies("/users/me"));
        assertFalse(OpenAiError.applies(null));
    }

    @Test
    void typeFollowsTheStatusAndCodeTheError() {
        var body = ErrorBody.oauth("rate_limit_exceeded", "Slow down");
        var error = OpenAiError.of(429, body, null).error();
        assertEquals("Slow down", error.message());
        assertEquals("rate_limit_error", error.type());
        assertEquals("rate_limit_exceeded", error.code());
        assertEquals("authentication_error", OpenAiError.of(401, ErrorBody.detail("x"), null).error().type());
        assertEquals("invalid_api_key", OpenAiError.of(401, ErrorBody.detail("x"), null).error().code());
        assertEquals("permission_error", OpenAiError.of(403, ErrorBody.detail("x"), null).error().type());
        assertEquals("invalid_request_error", OpenAiError.of(400, ErrorBody.detail("x"), "messages").error().type());
        assertEquals("messages", OpenAiError.of(400, ErrorBody.detail("x"), "messages").error().param());
        assertEquals("api_error", OpenAiError.of(502, ErrorBody.detail("x"), null).error().type());
    }

    @Test
    void elsewhereTheApisOwnShapeStays() {
        var body = ErrorBody.detail("Not Found");
        assertSame(body, OpenAiError.body("/users/me/nothing", 404, body, null));
    }
}
