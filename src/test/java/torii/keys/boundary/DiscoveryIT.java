package torii.keys.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import java.util.List;
import org.junit.jupiter.api.Test;
import torii.testing.BlackBox;
import torii.testing.TestKey;
import torii.testing.TestTokens;

/** The metadata (RFC 8414) and the JWK Set on Payara Micro, and key rotation where the key is configured. */
class DiscoveryIT extends BlackBox {

    @Test
    void metadataNamesTheIssuerAndEveryEndpoint() {
        var reply = api.get(".well-known/oauth-authorization-server");
        assertEquals(200, reply.status());
        var metadata = reply.json();
        var issuer = TestTokens.DEFAULT_ISSUER;
        assertEquals(issuer, metadata.getString("issuer"));
        assertEquals(issuer + "/token", metadata.getString("token_endpoint"));
        assertEquals(issuer + "/.well-known/jwks.json", metadata.getString("jwks_uri"));
        assertEquals(issuer + "/revoke", metadata.getString("revocation_endpoint"));
        assertEquals(issuer + "/introspect", metadata.getString("introspection_endpoint"));
        assertEquals(issuer + "/authorize", metadata.getString("authorization_endpoint"));
        assertEquals(List.of("authorization_code", "refresh_token", "client_credentials", "password"),
                metadata.getJsonArray("grant_types_supported").getValuesAs(jakarta.json.JsonString::getString));
        assertTrue(metadata.containsKey("scopes_supported"));
        assertTrue(metadata.getJsonArray("token_endpoint_auth_methods_supported").toString()
                .contains("client_secret_basic"));
    }

    @Test
    void jwkSetHoldsThePublicKeyThatVerifiesOurTokens() throws Exception {
        var reply = api.get(".well-known/jwks.json");
        assertEquals(200, reply.status());
        var keys = JWKSet.parse(reply.body());
        assertEquals(1, keys.getKeys().size());
        var key = keys.getKeys().get(0);
        assertFalse(key.isPrivate());
        assertFalse(reply.body().contains("\"d\""), "no private exponent");
        assertEquals(TestKey.key().getKeyID(), key.getKeyID());
        assertEquals("RS256", key.getAlgorithm().getName());
        assertEquals("sig", key.getKeyUse().identifier());
        assertTrue(SignedJWT.parse(api.login("johndoe", "secret")).verify(new RSASSAVerifier(key.toRSAKey())));
    }

    @Test
    void configuredKeyIsNotRotatedByRequest() {
        var reply = api.send(api.request("admin/keys/rotate").header("Authorization",
                "Bearer " + api.login("admin", "secretadmin")).POST(java.net.http.HttpRequest.BodyPublishers.noBody()));
        assertEquals(409, reply.status(), reply.body());
    }

    @Test
    void onlyAnAdministratorMayRotate() {
        var anonymous = api.send(api.request("admin/keys/rotate").POST(java.net.http.HttpRequest.BodyPublishers.noBody()));
        assertEquals(401, anonymous.status());
        var user = api.send(api.request("admin/keys/rotate").header("Authorization",
                "Bearer " + api.login("johndoe", "secret")).POST(java.net.http.HttpRequest.BodyPublishers.noBody()));
        assertEquals(403, user.status());
    }

    @Test
    void aConfiguredKeyIsListedAsSigningWithoutItsMaterialAndCannotBeRotated() {
        var admin = api.login("admin", "secretadmin");
        var keys = api.getWithToken("admin/keys", admin);
        assertEquals(200, keys.status(), keys.body());
        assertEquals(1, keys.array().size(), keys.body());
        var key = keys.array().getJsonObject(0);
        assertEquals("signing", key.getString("state"));
        assertEquals(true, key.getBoolean("configured"));
        assertEquals(java.util.Set.of("kid", "algorithm", "state", "configured"), key.keySet(), "no key material");
        var rotate = api.send(api.request("admin/keys/rotate").header("Authorization", "Bearer " + admin)
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody()));
        assertEquals(409, rotate.status(), rotate.body());
    }
}
