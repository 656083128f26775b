package torii.tokens.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.nimbusds.jwt.SignedJWT;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import torii.testing.Api.Reply;
import torii.testing.Api;
import torii.testing.BlackBox;

/** grant_type=refresh_token at POST /token on Payara Micro: rotation, reuse detection, and every refusal. */
class RefreshTokenIT extends BlackBox {

    JsonObject login(String client) {
        return api.loginForTokens("username=johndoe&password=secret" + client);
    }

    Reply refresh(String refreshToken, String client) {
        return api.postForm("token", "grant_type=refresh_token&refresh_token=" + refreshToken + client);
    }

    static void assertInvalidGrant(Reply reply) {
        assertEquals(400, reply.status(), reply.body());
        assertEquals("invalid_grant", reply.json().getString("error"));
    }

    @Test
    void refreshTokenIsExchangedForANewPairThatWorks() throws Exception {
        var first = login("&client_id=chat");
        var reply = refresh(first.getString("refresh_token"), "&client_id=chat");
        assertEquals(200, reply.status(), reply.body());
        assertEquals("no-store", reply.header("Cache-Control"));
        var second = reply.json();
        assertNotEquals(first.getString("refresh_token"), second.getString("refresh_token"));
        assertEquals(200, api.getWithToken("users/me", second.getString("access_token")).status());
        var before = SignedJWT.parse(first.getString("access_token")).getJWTClaimsSet();
        var after = SignedJWT.parse(second.getString("access_token")).getJWTClaimsSet();
        assertEquals(before.getStringClaim("sid"), after.getStringClaim("sid"), "the same session goes on");
        assertEquals("chat", after.getStringClaim("client_id"));
    }

    @Test
    void newRefreshTokenCanBeExchangedInItsTurn() {
        var first = login("&client_id=chat");
        var second = refresh(first.getString("refresh_token"), "&client_id=chat").json();
        assertEquals(200, refresh(second.getString("refresh_token"), "&client_id=chat").status());
    }

    @Test
    void reusedRefreshTokenEndsItsWholeSession() {
        var first = login("");
        var second = refresh(first.getString("refresh_token"), "").json();
        assertInvalidGrant(refresh(first.getString("refresh_token"), ""));
        // The thief's replay ended the session: the rightful holder's newer tokens stop working too.
        assertInvalidGrant(refresh(second.getString("refresh_token"), ""));
        assertEquals(401, api.getWithToken("users/me", second.getString("access_token")).status());
    }

    @Test
    void refreshTokenOfAnotherClientIsRefusedAndStaysUsable() {
        var chat = login("&client_id=chat");
        assertInvalidGrant(refresh(chat.getString("refresh_token"), "&client_id=docs"));
        assertEquals(200, refresh(chat.getString("refresh_token"), "&client_id=chat").status());
    }

    @Test
    void confidentialClientMustAuthenticateToRefresh() {
        var service = login("&client_id=demo-service&client_secret=demo-service-secret");
        var token = service.getString("refresh_token");
        var unauthenticated = refresh(token, "&client_id=demo-service");
        assertEquals(401, unauthenticated.status());
        assertEquals("invalid_client", unauthenticated.json().getString("error"));
        var reply = api.postForm("token", "grant_type=refresh_token&refresh_token=" + token, "Authorization",
                Api.basic("demo-service", "demo-service-secret"));
        assertEquals(200, reply.status(), reply.body());
    }

    @ParameterizedTest
    @ValueSource(strings = {"not-a-refresh-token", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"})
    void unknownRefreshTokenIsAnInvalidGrant(String token) {
        var reply = refresh(token, "");
        assertInvalidGrant(reply);
        assertEquals("Invalid refresh token", reply.json().getString("error_description"));
    }

    @Test
    void accessTokenIsNoRefreshToken() {
        assertInvalidGrant(refresh(login("").getString("access_token"), ""));
    }

    @Test
    void refreshGrantWithoutTheTokenIsAnInvalidRequest() {
        var reply = api.postForm("token", "grant_type=refresh_token");
        assertEquals(400, reply.status());
        assertEquals("Missing parameter: refresh_token", reply.json().getString("error_description"));
    }

    @Test
    void revokedRefreshTokenIsAnInvalidGrant() {
        var tokens = login("");
        assertEquals(200, api.postForm("revoke", "token=" + tokens.getString("refresh_token")).status());
        assertInvalidGrant(refresh(tokens.getString("refresh_token"), ""));
    }
}
