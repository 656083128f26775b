package torii.clients.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import torii.clients.entity.Client;
import torii.platform.control.Refusal;

class ClientCredentialsTest {

    static List<String> basic(String credentials) {
        return List.of("Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void basicHeaderCarriesFormEncodedIdAndSecret() {
        var credentials = ClientCredentials.of(basic("my%20service:p%3Ass"), null, null);
        assertEquals("my service", credentials.clientId());
        assertEquals("p:ss", credentials.secret());
        assertTrue(credentials.viaHeader());
    }

    @Test
    void formCarriesIdAndSecret() {
        var credentials = ClientCredentials.of(null, "svc", "s3cret");
        assertEquals("svc", credentials.clientId());
        assertEquals("s3cret", credentials.secret());
        assertFalse(credentials.viaHeader());
    }

    @Test
    void emptyFormFieldsNameNoClient() {
        var credentials = ClientCredentials.of(null, "", "");
        assertNull(credentials.clientId());
        assertNull(credentials.secret());
    }

    @Test
    void basicHeaderWithEmptyIdAndSecretNamesNoClient() {
        var credentials = ClientCredentials.of(basic(":"), null, null);
        assertNull(credentials.clientId());
        assertFalse(credentials.viaHeader());
    }

    @Test
    void bearerHeaderIsNoClientAuthentication() {
        assertEquals("chat", ClientCredentials.of(List.of("Bearer abc"), "chat", null).clientId());
    }

    @Test
    void secretInBothHeaderAndFormIsAnInvalidRequest() {
        var refusal = assertThrows(Refusal.class, () -> ClientCredentials.of(basic("svc:a"), null, "a"));
        assertEquals(400, refusal.kind().status());
        assertEquals("invalid_request", refusal.error());
    }

    @Test
    void formClientIdOtherThanTheHeadersIsAnInvalidRequest() {
        assertEquals("invalid_request",
                assertThrows(Refusal.class, () -> ClientCredentials.of(basic("svc:a"), "other", null)).error());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Basic !!!", "Basic " + "bm9jb2xvbg==", "Basic OnNlY3JldA=="})
    void malformedBasicHeaderIsAnInvalidClientWithAChallenge(String header) {
        var refusal = assertThrows(Refusal.class, () -> ClientCredentials.of(List.of(header), null, null));
        assertEquals(401, refusal.kind().status());
        assertEquals("invalid_client", refusal.error());
        assertEquals("Basic realm=\"torii\"", refusal.challenge());
    }

    @Test
    void storedSecretIsAHashThatMatchesOnlyItsSecret() {
        var client = new Client("svc", ClientCredentials.hash("correct"));
        assertTrue(client.confidential());
        assertTrue(client.secretMatches(ClientCredentials.hash("correct")));
        assertFalse(client.secretMatches(ClientCredentials.hash("wrong")));
        assertFalse(new Client("docs", null).secretMatches(ClientCredentials.hash("anything")));
    }

    @Test
    void printingNeverShowsTheSecret() {
        assertEquals(-1, ClientCredentials.of(null, "svc", "s3cr3t").toString().indexOf("s3cr3t"));
    }
}
