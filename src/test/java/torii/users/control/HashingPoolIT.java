package torii.users.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import torii.testing.Deployments;

/** Runs inside Payara Micro, started with -XX:ThreadPriorityPolicy=1 as the run command starts it. */
@ExtendWith(ArquillianExtension.class)
class HashingPoolIT {

    @Deployment
    @TargetsContainer("in-container")
    static WebArchive deployment() {
        return Deployments.inContainer();
    }

    @Inject
    HashingPool pool;

    /** The nice value Linux schedules the calling thread with (field 19 of its stat, after the parenthesised name). */
    static int niceOfThisThread() {
        try {
            var stat = Files.readString(Path.of("/proc/thread-self/stat"));
            return Integer.parseInt(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[16]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void passwordsAreHashedAtTheLowestPriorityWhileRequestsKeepTheNormalOne() throws Exception {
        int[] hashing = pool.submit(() -> new int[] {Thread.currentThread().getPriority(), niceOfThisThread()})
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertEquals(Thread.MIN_PRIORITY, hashing[0]);
        assertEquals(19, hashing[1]);
        assertEquals(0, niceOfThisThread(), "the request thread that runs this test");
    }
}
