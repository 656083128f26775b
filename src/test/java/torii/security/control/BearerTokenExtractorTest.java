package torii.security.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import torii.platform.control.Refusal;

class BearerTokenExtractorTest {

    static Optional<String> extract(String header) {
        return BearerTokenExtractor.extract(List.of(header));
    }

    @Test
    void noHeaderMeansNoToken() {
        assertTrue(BearerTokenExtractor.extract(null).isEmpty());
        assertTrue(BearerTokenExtractor.extract(List.of()).isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer abc.def.ghi", "bearer abc.def.ghi", "BEARER abc.def.ghi", "bEaReR  abc.def.ghi "})
    void schemeIsMatchedWhateverItsCase(String header) {
        assertEquals("abc.def.ghi", extract(header).orElseThrow());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Basic am9objpzZWNyZXQ=", "Digest username=x", "Bearerabc", "Token abc"})
    void otherSchemeMeansNoToken(String header) {
        assertTrue(extract(header).isEmpty());
    }

    @Test
    void bearerWithoutTokenGivesAnEmptyTokenToReject() {
        assertEquals("", extract("Bearer").orElseThrow());
        assertEquals("", extract("Bearer   ").orElseThrow());
    }

    @Test
    void twoAuthorizationHeadersAreAMalformedRequest() {
        var refusal = assertThrows(Refusal.class,
                () -> BearerTokenExtractor.extract(List.of("Bearer a", "Bearer b")));
        assertEquals(400, refusal.kind().status());
        assertEquals("invalid_request", refusal.error());
    }
}
