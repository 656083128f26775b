package torii.throttle.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URL;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import torii.testing.Api;
import torii.testing.Deployments;

/** An address that guesses across many usernames is throttled too, here after three free failures, even at once. */
@ExtendWith(ArquillianExtension.class)
class AddressThrottlingIT {

    @Deployment(testable = false)
    @TargetsContainer("address-limit")
    static WebArchive deployment() {
        return Deployments.war();
    }

    @ArquillianResource
    URL deployment;

    /**
     * Twenty guesses sent at once, each for another username: the failure is counted before the password is checked,
     * so exactly the three free ones and the one that starts the wait reach the check, however they are queued.
     */
    @Test
    void concurrentGuessesAcrossUsernamesReachThePasswordCheckOnlyAsOftenAsTheAddressAllows() throws Exception {
        var api = Api.at(deployment);
        var guesses = IntStream.range(0, 20).mapToObj(i -> CompletableFuture.supplyAsync(() -> api.postForm("token",
                "username=user-" + UUID.randomUUID() + "&password=guess"), POOL)).toList();
        var statuses = guesses.stream().map(CompletableFuture::join).collect(Collectors.groupingBy(Api.Reply::status,
                Collectors.counting()));
        assertEquals(Map.of(400, 4L, 429, 16L), statuses);
        var fresh = api.postForm("token", "username=user-" + UUID.randomUUID() + "&password=guess");
        assertEquals(429, fresh.status(), fresh.body());
        var known = api.postForm("token", "username=johndoe&password=secret");
        assertEquals(429, known.status(), known.body());
        assertEquals("slow_down", known.json().getString("error"));
        assertEquals(Long.parseLong(fresh.header("Retry-After")), Long.parseLong(known.header("Retry-After")), 1);
    }

    static final ExecutorService POOL = Executors.newFixedThreadPool(20);
}
