package torii.tokens.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import torii.testing.Api;
import torii.testing.Api.Reply;
import torii.testing.BlackBox;
import torii.testing.TestTokens;

/** POST /introspect (RFC 7662) on Payara Micro: who may ask, and what they are told. */
class IntrospectionIT extends BlackBox {

    static final String SERVICE = Api.basic("demo-service", "demo-service-secret");

    Reply introspect(String form) {
        return api.postForm("introspect", form, "Authorization", SERVICE);
    }

    @Test
    void activeAccessTokenIsDescribed() {
        var access = api.login("johndoe", "secret");
        var reply = introspect("token=" + access);
        assertEquals(200, reply.status(), reply.body());
        var body = reply.json();
        assertTrue(body.getBoolean("active"));
        assertEquals("johndoe", body.getString("sub"));
        assertEquals("docs", body.getString("client_id"));
        assertEquals("Bearer", body.getString("token_type"));
        assertEquals(TestTokens.DEFAULT_ISSUER, body.getString("iss"));
        assertEquals("app:translator items me", body.getString("scope"));
        assertEquals(1800, body.getJsonNumber("exp").longValue() - body.getJsonNumber("iat").longValue());
        assertTrue(body.containsKey("jti"));
        assertEquals("no-store", reply.header("Cache-Control"));
    }

    @Test
    void activeRefreshTokenIsDescribed() {
        var refresh = api.loginForTokens("username=johndoe&password=secret&client_id=chat").getString("refresh_token");
        var body = introspect("token=" + refresh + "&token_type_hint=refresh_token").json();
        assertTrue(body.getBoolean("active"));
        assertEquals("refresh_token", body.getString("token_type"));
        assertEquals("chat", body.getString("client_id"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"token=not-a-token", "token=eyJhbGciOiJub25lIn0.e30."})
    void unknownTokenIsInactiveAndNothingMore(String form) {
        assertEquals(Json.createObjectBuilder().add("active", false).build(), introspect(form).json());
    }

    @Test
    void revokedTokenIsInactive() {
        var access = api.login("johndoe", "secret");
        api.postForm("revoke", "token=" + access);
        assertEquals(false, introspect("token=" + access).json().getBoolean("active"));
    }

    @Test
    void formCredentialsOfAConfidentialClientAreAccepted() {
        var reply = api.postForm("introspect", "token=x&client_id=demo-service&client_secret=demo-service-secret");
        assertEquals(200, reply.status());
    }

    @Test
    void administratorsBearerTokenIsAccepted() {
        var reply = api.postForm("introspect", "token=" + api.login("johndoe", "secret"), "Authorization",
                "Bearer " + api.login("admin", "secretadmin"));
        assertEquals(200, reply.status(), reply.body());
        assertTrue(reply.json().getBoolean("active"));
    }

    @Test
    void administratorsTokenWithoutTheAdminScopeIsForbidden() {
        var adminWithoutScope = api.postForm("token", "username=admin&password=secretadmin&scope=me+items").json()
                .getString("access_token");
        var reply = api.postForm("introspect", "token=" + api.login("johndoe", "secret"), "Authorization",
                "Bearer " + adminWithoutScope);
        assertEquals(403, reply.status(), reply.body());
        assertTrue(!reply.body().contains("johndoe"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"token_type_hint", "token", "token=x&token_type_hint"})
    void fieldWithoutAValueIsAnInvalidRequest(String form) {
        var reply = introspect(form);
        assertEquals(400, reply.status(), reply.body());
        assertEquals("invalid_request", reply.json().getString("error"));
    }

    @Test
    void bearerTokenWithoutTheAdminRoleIsForbidden() {
        var reply = api.postForm("introspect", "token=x", "Authorization", "Bearer " + api.login("johndoe", "secret"));
        assertEquals(403, reply.status());
    }

    @Test
    void anonymousCallerIsAskedToAuthenticate() {
        var reply = api.postForm("introspect", "token=" + api.login("johndoe", "secret"));
        assertEquals(401, reply.status());
        assertEquals("invalid_client", reply.json().getString("error"));
        assertEquals("Basic realm=\"torii\"", reply.header("WWW-Authenticate"));
        assertTrue(!reply.body().contains("johndoe"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"token=x&client_id=chat", "token=x&client_id=demo-service&client_secret=wrong",
            "token=x&client_id=nobody&client_secret=whatever"})
    void publicOrFailingClientIsAnInvalidClient(String form) {
        var reply = api.postForm("introspect", form);
        assertEquals(401, reply.status());
        assertEquals("invalid_client", reply.json().getString("error"));
    }

    @Test
    void missingTokenIsAnInvalidRequest() {
        var reply = introspect("token_type_hint=access_token");
        assertEquals(400, reply.status());
        assertEquals("invalid_request", reply.json().getString("error"));
    }
}
