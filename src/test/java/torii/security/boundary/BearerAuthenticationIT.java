package torii.security.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import torii.testing.Api.Reply;
import torii.testing.BlackBox;
import torii.testing.Breakage;
import torii.testing.TestTokens;

/** The protected endpoints on Payara Micro, with every kind of token and no token at all. */
class BearerAuthenticationIT extends BlackBox {

    static final String INVALID_TOKEN_CHALLENGE = "Bearer error=\"invalid_token\"";

    TestTokens tokens;

    /** Tokens built here carry johndoe's stamp, so that each breakage is refused for its own reason. */
    @BeforeEach
    void stampOfJohndoe() {
        tokens = TestTokens.ofTestKey().stamped(TestTokens.stampOf(api.login("johndoe", "secret")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"users/me", "users/me/"})
    void ownAccountIsShownToItsUser(String path) {
        var reply = api.getWithToken(path, api.login("johndoe", "secret"));
        assertEquals(200, reply.status());
        assertEquals("{\"username\":\"johndoe\",\"email\":\"johndoe@example.com\",\"full_name\":\"John Doe\","
                + "\"disabled\":false}", reply.body());
    }

    @ParameterizedTest
    @ValueSource(strings = {"users/me/items", "users/me/items/"})
    void ownItemsAreShownToTheirOwner(String path) {
        var reply = api.getWithToken(path, api.login("johndoe", "secret"));
        assertEquals(200, reply.status());
        assertEquals("[{\"item_id\":\"Foo\",\"owner\":\"johndoe\"}]", reply.body());
    }

    @ParameterizedTest
    @ValueSource(strings = {"bearer", "BEARER", "bEaReR"})
    void schemeNameIsMatchedWhateverItsCase(String scheme) {
        var reply = api.get("users/me/items", "Authorization", scheme + " " + api.login("johndoe", "secret"));
        assertEquals(200, reply.status());
    }

    @Test
    void tokenBuiltElsewhereWithTheServersKeyIsAccepted() {
        assertEquals(200, api.getWithToken("users/me", tokens.valid("johndoe")).status());
    }

    @Test
    void tokenWithoutTheUsersStampOrWithAnotherIsRefused() {
        assertInvalidToken(api.getWithToken("users/me", tokens.stamped(null).valid("johndoe")));
        assertInvalidToken(api.getWithToken("users/me", tokens.stamped("another-stamp").valid("johndoe")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"users/me", "users/me/", "users/me/items", "users/me/items/"})
    void withoutAuthorizationTheCallerIsNotAuthenticated(String path) {
        assertNotAuthenticated(api.get(path));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Basic am9obmRvZTpzZWNyZXQ=", "Digest username=\"johndoe\"", "Token abc"})
    void otherSchemeLeavesTheCallerNotAuthenticated(String authorization) {
        assertNotAuthenticated(api.get("users/me/items", "Authorization", authorization));
    }

    @ParameterizedTest
    @EnumSource(Breakage.class)
    void brokenTokenCannotBeValidated(Breakage breakage) {
        assertInvalidToken(api.getWithToken("users/me/items", breakage.token(tokens, "johndoe")));
        assertInvalidToken(api.getWithToken("users/me", breakage.token(tokens, "johndoe")));
    }

    @Test
    void tokenOfAUserWhoDoesNotExistCannotBeValidated() {
        assertInvalidToken(api.getWithToken("users/me", tokens.valid("no-such-user")));
    }

    @Test
    void emptyBearerTokenCannotBeValidated() {
        assertInvalidToken(api.get("users/me", "Authorization", "Bearer "));
    }

    @ParameterizedTest
    @ValueSource(strings = {"users/me", "users/me/items"})
    void tokenOfADisabledUserIsRefusedAsInactive(String path) {
        var reply = api.getWithToken(path, tokens.valid("alice"));
        assertEquals(400, reply.status());
        assertEquals(Json.createObjectBuilder().add("detail", "Inactive user").build(), reply.json());
    }

    @Test
    void twoAuthorizationHeadersAreAMalformedRequest() {
        var token = api.login("johndoe", "secret");
        var reply = api.get("users/me", "Authorization", "Bearer " + token, "Authorization", "Bearer " + token);
        assertEquals(400, reply.status());
        assertEquals("invalid_request", reply.json().getString("error"));
    }

    @Test
    void publicStatusNeedsNoToken() {
        var reply = api.get("status");
        assertEquals(200, reply.status());
        assertEquals("UP", reply.json().getString("status"));
        assertEquals("nosniff", reply.header("X-Content-Type-Options"));
    }

    static void assertNotAuthenticated(Reply reply) {
        assertEquals(401, reply.status());
        assertEquals("Bearer", reply.header("WWW-Authenticate"));
        assertEquals("{\"detail\":\"Not authenticated\"}", reply.body());
    }

    static void assertInvalidToken(Reply reply) {
        assertEquals(401, reply.status(), reply.body());
        assertEquals(INVALID_TOKEN_CHALLENGE, reply.header("WWW-Authenticate"));
        assertEquals("{\"detail\":\"Could not validate credentials\"}", reply.body());
    }
}
