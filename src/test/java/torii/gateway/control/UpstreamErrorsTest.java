package torii.gateway.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class UpstreamErrorsTest {

    static final String MESSAGE = "{\"error\":{\"message\":\"Too long for this model\"}}";

    @Test
    void slownessIs504AndEverythingElseBeforeAnAnswer502() {
        assertEquals(504, UpstreamErrors.of(new HttpTimeoutException("t")).kind().status());
        assertEquals(504, UpstreamErrors.of(new HttpConnectTimeoutException("t")).kind().status());
        assertEquals(504, UpstreamErrors.of(new CompletionException(new TimeoutException())).kind().status());
        assertEquals(502, UpstreamErrors.of(new CompletionException(new ConnectException("refused"))).kind().status());
    }

    @Test
    void refusalsTheCallerCanActOnKeepStatusAndMessage() {
        var tooLong = UpstreamErrors.of(400, MESSAGE, Optional.empty());
        assertEquals(400, tooLong.kind().status());
        assertEquals("Too long for this model", tooLong.getMessage());
        assertEquals(400, UpstreamErrors.of(404, MESSAGE, Optional.empty()).kind().status());
        assertEquals(413, UpstreamErrors.of(413, "not json", Optional.empty()).kind().status());
    }

    @Test
    void a401IsToldApartFromA403ThoughTheCallerHearsTheSame() {
        var unauthorized = UpstreamErrors.of(401, "", Optional.empty());
        var forbidden = UpstreamErrors.of(403, "", Optional.empty());
        assertTrue(UpstreamErrors.unauthorized(new CompletionException(unauthorized)));
        assertFalse(UpstreamErrors.unauthorized(forbidden));
        assertEquals(forbidden.body(), unauthorized.body());
        assertEquals(502, unauthorized.kind().status());
        assertFalse(UpstreamErrors.unauthorized(UpstreamErrors.of(500, "", Optional.empty())));
        assertFalse(UpstreamErrors.unauthorized(new ConnectException("refused")));
        assertFalse(UpstreamErrors.unauthorized(null));
    }

    @Test
    void upstreamRateLimitKeepsItsWait() {
        var limited = UpstreamErrors.of(429, MESSAGE, Optional.of("12"));
        assertEquals(429, limited.kind().status());
        assertEquals(12L, limited.retryAfter());
        assertEquals(1L, UpstreamErrors.of(429, MESSAGE, Optional.of("Wed, 21 Oct 2015 07:28:00 GMT")).retryAfter());
    }

    @Test
    void refusedKeyAndServerErrorsAre502WithoutTheUpstreamsWords() {
        var keyRefused = UpstreamErrors.of(401, "{\"error\":{\"message\":\"Incorrect API key sk-secret\"}}",
                Optional.empty());
        assertEquals(502, keyRefused.kind().status());
        assertEquals(-1, keyRefused.getMessage().indexOf("sk-secret"));
        assertEquals(502, UpstreamErrors.of(500, MESSAGE, Optional.empty()).kind().status());
        assertEquals(502, UpstreamErrors.of(503, "", Optional.empty()).kind().status());
    }

    @Test
    void longMessagesAreShortened() {
        var message = UpstreamErrors.message("{\"error\":{\"message\":\"" + "x".repeat(2000) + "\"}}").orElseThrow();
        assertEquals(UpstreamErrors.MAX_MESSAGE + 1, message.length());
        assertEquals(Optional.empty(), UpstreamErrors.message("{\"error\":\"text\"}"));
    }
}
