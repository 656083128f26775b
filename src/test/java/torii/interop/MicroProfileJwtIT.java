package torii.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import torii.testing.Api;
import torii.testing.Breakage;
import torii.testing.Deployments;
import torii.testing.TestTokens;

/**
 * Our RS256 tokens against a stock MicroProfile JWT resource server on a Payara Micro of its own, which finds our
 * keys at our JWK Set URL: it accepts them, maps their groups to its roles, and refuses anything else.
 */
@ExtendWith(ArquillianExtension.class)
class MicroProfileJwtIT {

    static final String TORII = "torii";
    static final String RESOURCE_SERVER = "resource-server";

    /** Ours, at a fixed port, since the resource server's configuration must name it before either starts. */
    static final URI TORII_URL = URI.create("http://127.0.0.1:" + Integer.getInteger("torii.it.fixed-port") + "/");

    @Deployment(name = TORII, order = 1, testable = false)
    @TargetsContainer("generated-key")
    static WebArchive torii() {
        return Deployments.war();
    }

    @Deployment(name = RESOURCE_SERVER, order = 2, testable = false)
    @TargetsContainer(RESOURCE_SERVER)
    static WebArchive resourceServer() {
        var config = "mp.jwt.verify.publickey.location=" + TORII_URL.resolve(".well-known/jwks.json") + "\n"
                + "mp.jwt.verify.issuer=" + TestTokens.DEFAULT_ISSUER + "\n";
        return ShrinkWrap.create(WebArchive.class, "resource-server.war")
                .addClasses(ResourceServer.class, Greetings.class)
                .addAsResource(new StringAsset(config), "META-INF/microprofile-config.properties")
                // Payara's MP-JWT sees @LoginConfig only when every class is discovered, not in CDI 4's annotated mode.
                .addAsWebInfResource(new StringAsset("<beans xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" "
                        + "version=\"4.0\" bean-discovery-mode=\"all\"/>"), "beans.xml");
    }

    @ArquillianResource
    @OperateOnDeployment(RESOURCE_SERVER)
    URL resourceServerUrl;

    Api torii;
    Api resourceServer;

    @BeforeEach
    void connect() {
        torii = new Api(TORII_URL);
        resourceServer = Api.at(resourceServerUrl);
    }

    @Test
    void ourTokenIsAcceptedAndItsGroupsBecomeRoles() {
        var reply = resourceServer.getWithToken("greetings", torii.login("johndoe", "secret"));
        assertEquals(200, reply.status(), reply.body());
        assertEquals("hello johndoe", reply.body());
    }

    @Test
    void roleTheTokenDoesNotCarryIsRefused() {
        assertEquals(403, resourceServer.getWithToken("greetings/admin", torii.login("johndoe", "secret")).status());
        var admin = resourceServer.getWithToken("greetings/admin", torii.login("admin", "secretadmin"));
        assertEquals(200, admin.status(), admin.body());
    }

    @Test
    void requestWithoutATokenIsRefused() {
        assertEquals(401, resourceServer.get("greetings").status());
    }

    @Test
    void tokenSignedWithAnotherKeyIsRefused() {
        var forged = Breakage.WRONGLY_SIGNED.token(new TestTokens(Breakage.otherKey("any"), TestTokens.DEFAULT_ISSUER),
                "johndoe");
        assertEquals(401, resourceServer.getWithToken("greetings", forged).status());
    }

    @Test
    void tamperedTokenIsRefused() {
        var token = torii.login("johndoe", "secret");
        var parts = token.split("\\.");
        var tampered = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();
        assertEquals(401, resourceServer.getWithToken("greetings", tampered).status());
    }
}
