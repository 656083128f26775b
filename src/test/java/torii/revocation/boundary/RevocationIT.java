package torii.revocation.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import torii.testing.Api;
import torii.testing.BlackBox;

/** POST /revoke (RFC 7009) on Payara Micro: logout, revoked access tokens, and every error row. */
class RevocationIT extends BlackBox {

    @Test
    void revokingTheRefreshTokenLogsOut() {
        var tokens = api.loginForTokens("username=johndoe&password=secret&client_id=chat");
        var reply = api.postForm("revoke", "token=" + tokens.getString("refresh_token") + "&client_id=chat");
        assertEquals(200, reply.status(), reply.body());
        assertEquals(400, api.postForm("token", "grant_type=refresh_token&client_id=chat&refresh_token="
                + tokens.getString("refresh_token")).status());
        assertEquals(401, api.getWithToken("users/me", tokens.getString("access_token")).status(),
                "the access tokens of the session end with it");
    }

    @Test
    void revokedAccessTokenFailsFromThenOn() {
        var tokens = api.loginForTokens("username=johndoe&password=secret");
        var access = tokens.getString("access_token");
        assertEquals(200, api.getWithToken("users/me", access).status());
        assertEquals(200, api.postForm("revoke", "token=" + access + "&token_type_hint=access_token").status());
        assertEquals(401, api.getWithToken("users/me", access).status());
        assertEquals(200, api.postForm("token", "grant_type=refresh_token&refresh_token="
                + tokens.getString("refresh_token")).status(), "an access token alone ends no session");
    }

    @Test
    void revokingTwiceAnswers200BothTimes() {
        var refresh = api.loginForTokens("username=johndoe&password=secret").getString("refresh_token");
        assertEquals(200, api.postForm("revoke", "token=" + refresh).status());
        assertEquals(200, api.postForm("revoke", "token=" + refresh).status());
    }

    @ParameterizedTest
    @ValueSource(strings = {"token=unknown", "token=unknown&token_type_hint=refresh_token",
            "token=unknown&token_type_hint=access_token", "token=unknown&token_type_hint=something_else"})
    void unknownTokenAnswers200(String form) {
        assertEquals(200, api.postForm("revoke", form).status());
    }

    @Test
    void tokenOfAnotherClientIsNotRevoked() {
        var tokens = api.loginForTokens("username=johndoe&password=secret&client_id=chat");
        var reply = api.postForm("revoke", "token=" + tokens.getString("refresh_token") + "&client_id=docs");
        assertEquals(400, reply.status());
        assertEquals("unauthorized_client", reply.json().getString("error"));
        assertEquals(200, api.postForm("token", "grant_type=refresh_token&client_id=chat&refresh_token="
                + tokens.getString("refresh_token")).status());
    }

    @Test
    void missingTokenIsAnInvalidRequest() {
        var reply = api.postForm("revoke", "token_type_hint=refresh_token");
        assertEquals(400, reply.status());
        assertEquals("invalid_request", reply.json().getString("error"));
    }

    @Test
    void repeatedTokenIsAnInvalidRequest() {
        assertEquals("invalid_request", api.postForm("revoke", "token=a&token=b").json().getString("error"));
    }

    @Test
    void wrongClientSecretIsAnInvalidClient() {
        var reply = api.postForm("revoke", "token=x", "Authorization", Api.basic("demo-service", "wrong"));
        assertEquals(401, reply.status());
        assertEquals("invalid_client", reply.json().getString("error"));
        assertEquals("Basic realm=\"torii\"", reply.header("WWW-Authenticate"));
    }

    @Test
    void confidentialClientRevokesItsOwnToken() {
        var tokens = api.loginForTokens("username=johndoe&password=secret&client_id=demo-service"
                + "&client_secret=demo-service-secret");
        var reply = api.postForm("revoke", "token=" + tokens.getString("refresh_token"), "Authorization",
                Api.basic("demo-service", "demo-service-secret"));
        assertEquals(200, reply.status(), reply.body());
    }
}
