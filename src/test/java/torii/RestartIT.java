package torii;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import torii.testing.Api;
import torii.testing.Deployments;

/** Undeploys and deploys again, as a restart does: the generated signing key and the users must still be there. */
@ExtendWith(ArquillianExtension.class)
class RestartIT {

    static final String DEPLOYMENT = "restarted";

    @Deployment(name = DEPLOYMENT, managed = false, testable = false)
    @TargetsContainer("generated-key")
    static WebArchive deployment() {
        return Deployments.war();
    }

    @ArquillianResource
    Deployer deployer;

    @Test
    void tokenIssuedBeforeARedeployIsStillValidAfterIt() {
        var api = new Api(URI.create("http://127.0.0.1:" + Integer.getInteger("torii.it.fixed-port") + "/"));
        String token;
        deployer.deploy(DEPLOYMENT);
        try {
            token = api.login("johndoe", "secret");
            assertEquals(200, api.getWithToken("users/me", token).status());
        } finally {
            deployer.undeploy(DEPLOYMENT);
        }
        deployer.deploy(DEPLOYMENT);
        try {
            var reply = api.getWithToken("users/me", token);
            assertEquals(200, reply.status(), reply.body());
            assertEquals("johndoe", reply.json().getString("username"));
        } finally {
            deployer.undeploy(DEPLOYMENT);
        }
        assertTrue(Files.isRegularFile(Path.of(System.getProperty("torii.it.data"), "generated-key", "torii.mv.db")));
    }
}
