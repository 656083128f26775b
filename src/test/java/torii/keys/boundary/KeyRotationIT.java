package torii.keys.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URL;
import java.net.http.HttpRequest;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import torii.testing.Api;
import torii.testing.Deployments;

/** Rotation of a generated key on an administrator's request, on Payara Micro: no token stops working; it is audited. */
@ExtendWith(ArquillianExtension.class)
class KeyRotationIT {

    @Deployment(testable = false)
    @TargetsContainer("generated-key")
    static WebArchive deployment() {
        return Deployments.war();
    }

    @ArquillianResource
    URL deployment;

    @Test
    void newKeySignsWhileTokensOfThePreviousOneStayValid() throws Exception {
        var api = Api.at(deployment);
        var before = api.login("johndoe", "secret");
        var admin = api.login("admin", "secretadmin");
        var reply = api.send(api.request("admin/keys/rotate").header("Authorization", "Bearer " + admin)
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(200, reply.status(), reply.body());
        var newKid = reply.json().getString("kid");
        var after = api.login("johndoe", "secret");
        assertEquals(newKid, SignedJWT.parse(after).getHeader().getKeyID());
        assertNotEquals(newKid, SignedJWT.parse(before).getHeader().getKeyID());
        assertEquals(200, api.getWithToken("users/me", before).status(), "the previous key still verifies");
        assertEquals(200, api.getWithToken("users/me", after).status());
        var published = JWKSet.parse(api.get(".well-known/jwks.json").body()).getKeys().stream().map(JWK::getKeyID)
                .toList();
        assertTrue(published.contains(newKid));
        assertTrue(published.contains(SignedJWT.parse(before).getHeader().getKeyID()));
        var audited = api.getWithToken("admin/audit?size=20", admin).array().stream().map(entry -> entry.asJsonObject())
                .filter(entry -> "key_rotate".equals(entry.getString("action"))).findFirst().orElseThrow();
        assertTrue(audited.getString("detail").contains(newKid), audited.toString());
        assertEquals("admin", audited.getString("actor"));
        var keys = api.getWithToken("admin/keys", admin);
        assertEquals(200, keys.status(), keys.body());
        var states = keys.array().stream().map(key -> key.asJsonObject())
                .collect(java.util.stream.Collectors.toMap(key -> key.getString("kid"), key -> key.getString("state")));
        assertEquals("signing", states.get(newKid));
        assertEquals("verifying", states.get(SignedJWT.parse(before).getHeader().getKeyID()));
        assertEquals(newKid, keys.array().getJsonObject(0).getString("kid"), "newest first");
        assertTrue(keys.body().indexOf("\"d\"") < 0 && !keys.body().contains("jwk"), "no key material");
        assertEquals(403, api.getWithToken("admin/keys", before).status());
    }
}
