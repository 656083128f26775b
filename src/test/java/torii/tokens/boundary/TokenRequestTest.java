package torii.tokens.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import org.junit.jupiter.api.Test;
import torii.platform.control.Refusal;

class TokenRequestTest {

    static MultivaluedMap<String, String> form(String... pairs) {
        var form = new MultivaluedHashMap<String, String>();
        for (int i = 0; i < pairs.length; i += 2) {
            form.add(pairs[i], pairs[i + 1]);
        }
        return form;
    }

    static Refusal refused(MultivaluedMap<String, String> form) {
        return assertThrows(Refusal.class, () -> TokenRequest.of(form));
    }

    @Test
    void grantTypeMayBeLeftOut() {
        var request = TokenRequest.of(form("username", "johndoe", "password", "secret"));
        assertEquals("password", request.grantType());
        assertEquals("johndoe", request.username());
        assertEquals("secret", request.password());
    }

    @Test
    void aControlCharacterInAnyParameterIsAMalformedRequest() {
        var refusal = refused(form("username", "john\u0000doe", "password", "secret"));
        assertEquals(400, refusal.kind().status());
        assertEquals("invalid_request", refusal.error());
        assertEquals(400, refused(form("username", "johndoe", "password", "sec\nret")).kind().status());
    }

    @Test
    void aTabInAPasswordIsAllowed() {
        assertEquals("sec\tret", TokenRequest.of(form("username", "johndoe", "password", "sec\tret")).password());
    }

    @Test
    void scopeAndClientFieldsAreKept() {
        var request = TokenRequest.of(form("grant_type", "password", "username", "johndoe", "password", "secret",
                "scope", "me items", "client_id", "docs", "client_secret", "s3"));
        assertEquals("me items", request.scope());
        assertEquals("docs", request.clientId());
        assertEquals("s3", request.clientSecret());
    }

    @Test
    void refreshGrantNeedsOnlyTheRefreshToken() {
        var request = TokenRequest.of(form("grant_type", "refresh_token", "refresh_token", "abc", "client_id", "chat"));
        assertEquals("refresh_token", request.grantType());
        assertEquals("abc", request.refreshToken());
        assertEquals("chat", request.clientId());
    }

    @Test
    void refreshGrantWithoutTheTokenNamesIt() {
        var refusal = refused(form("grant_type", "refresh_token", "username", "johndoe", "password", "secret"));
        assertEquals("invalid_request", refusal.error());
        assertEquals("Missing parameter: refresh_token", refusal.getMessage());
    }

    @Test
    void printingNeverShowsTheRefreshToken() {
        assertEquals(-1, TokenRequest.of(form("grant_type", "refresh_token", "refresh_token", "r3fr3sh")).toString()
                .indexOf("r3fr3sh"));
    }

    @Test
    void otherGrantTypeIsUnsupported() {
        var refusal = refused(form("grant_type", "urn:ietf:params:oauth:grant-type:device_code", "username", "a",
                "password", "b"));
        assertEquals("unsupported_grant_type", refusal.error());
        assertEquals(400, refusal.kind().status());
    }

    @Test
    void clientCredentialsTakeOnlyTheScopeAndTheClientFields() {
        var request = TokenRequest.of(form("grant_type", "client_credentials", "scope", "app:translator",
                "client_id", "batch", "client_secret", "s3cr3t"));
        assertEquals(new TokenRequest("client_credentials", null, null, null, "app:translator", "batch", "s3cr3t"),
                request);
        assertEquals(-1, request.toString().indexOf("s3cr3t"));
    }

    @Test
    void emptyGrantTypeIsInvalid() {
        assertEquals("invalid_request", refused(form("grant_type", "", "username", "a", "password", "b")).error());
    }

    @Test
    void missingUsernameIsNamed() {
        var refusal = refused(form("password", "secret"));
        assertEquals("invalid_request", refusal.error());
        assertEquals("Missing parameter: username", refusal.getMessage());
    }

    @Test
    void requestWithoutABodyMissesTheUsername() {
        assertEquals("Missing parameter: username", refused(null).getMessage());
    }

    @Test
    void emptyPasswordIsNamed() {
        assertEquals("Missing parameter: password", refused(form("username", "johndoe", "password", "")).getMessage());
    }

    @Test
    void repeatedParameterIsNamed() {
        var refusal = refused(form("username", "johndoe", "password", "a", "password", "b"));
        assertEquals("invalid_request", refusal.error());
        assertEquals("Parameter password must not be repeated", refusal.getMessage());
    }

    @Test
    void repetitionIsFoundBeforeAnUnsupportedGrantType() {
        assertEquals("invalid_request", refused(form("grant_type", "x", "grant_type", "y")).error());
    }

    @Test
    void unknownParametersAreIgnored() {
        assertEquals("johndoe", TokenRequest.of(form("username", "johndoe", "password", "s", "extra", "1")).username());
    }

    @Test
    void printingNeverShowsSecrets() {
        var request = TokenRequest.of(form("username", "johndoe", "password", "hunter2", "client_secret", "s3cr3t"));
        var printed = request.toString();
        assertEquals(-1, printed.indexOf("hunter2"));
        assertEquals(-1, printed.indexOf("s3cr3t"));
    }
}
