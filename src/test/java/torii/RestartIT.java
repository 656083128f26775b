package torii;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
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
import torii.testing.TestPorts;

/**
 * Undeploys and deploys again, as a restart does: the generated signing key, the refresh tokens and the users must
 * still be there. On a container of its own (restart, in arquillian.xml) whose undeploy really stops the server.
 */
@ExtendWith(ArquillianExtension.class)
class RestartIT {

    static final String DEPLOYMENT = "restarted";

    @Deployment(name = DEPLOYMENT, managed = false, testable = false)
    @TargetsContainer("restart")
    static WebArchive deployment() {
        return Deployments.war();
    }

    @ArquillianResource
    Deployer deployer;

    @Test
    void tokensIssuedBeforeARedeployAreStillValidAfterIt() throws IOException {
        var api = new Api(URI.create("http://127.0.0.1:" + TestPorts.restart() + "/"));
        var data = Path.of(System.getProperty("torii.it.data"), "restart");
        deleteRecursively(data);
        String token;
        String refreshToken;
        // The first start generates the signing key.
        deployer.deploy(DEPLOYMENT);
        try {
            var tokens = api.loginForTokens("username=johndoe&password=secret&client_id=chat");
            token = tokens.getString("access_token");
            refreshToken = tokens.getString("refresh_token");
            assertEquals(200, api.getWithToken("users/me", token).status());
        } finally {
            deployer.undeploy(DEPLOYMENT);
        }
        // The second must find it where the first kept it.
        deployer.deploy(DEPLOYMENT);
        try {
            var reply = api.getWithToken("users/me", token);
            assertEquals(200, reply.status(), reply.body());
            assertEquals("johndoe", reply.json().getString("username"));
            var refreshed = api.postForm("token", "grant_type=refresh_token&client_id=chat&refresh_token=" + refreshToken);
            assertEquals(200, refreshed.status(), refreshed.body());
        } finally {
            deployer.undeploy(DEPLOYMENT);
        }
        // On PostgreSQL (torii.testing.PostgresSuite) the data is in the database server, not in a folder.
        if (System.getProperty("torii.it.postgresql") == null) {
            assertTrue(Files.isRegularFile(data.resolve("torii.mv.db")));
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data)),
                    "the folder of a database that holds a key is the service user's alone");
        }
    }

    static void deleteRecursively(Path folder) throws IOException {
        if (Files.exists(folder)) {
            try (var paths = Files.walk(folder)) {
                for (var path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }
}
