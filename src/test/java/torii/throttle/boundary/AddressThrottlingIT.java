package torii.throttle.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URL;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import torii.testing.Api;
import torii.testing.Deployments;

/** An address that guesses across many usernames is throttled too; here after three free failures. */
@ExtendWith(ArquillianExtension.class)
class AddressThrottlingIT {

    @Deployment(testable = false)
    @TargetsContainer("address-limit")
    static WebArchive deployment() {
        return Deployments.war();
    }

    @ArquillianResource
    URL deployment;

    @Test
    void addressGuessingAcrossUsernamesIsThrottledForEveryUsername() {
        var api = Api.at(deployment);
        for (int attempt = 1; attempt <= 4; attempt++) {
            var reply = api.postForm("token", "username=user-" + UUID.randomUUID() + "&password=guess");
            assertEquals(400, reply.status(), "attempt " + attempt);
        }
        var fresh = api.postForm("token", "username=user-" + UUID.randomUUID() + "&password=guess");
        assertEquals(429, fresh.status(), fresh.body());
        var known = api.postForm("token", "username=johndoe&password=secret");
        assertEquals(429, known.status(), known.body());
        assertEquals("slow_down", known.json().getString("error"));
        assertEquals(Long.parseLong(fresh.header("Retry-After")), Long.parseLong(known.header("Retry-After")), 1);
    }
}
