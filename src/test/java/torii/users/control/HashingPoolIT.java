package torii.users.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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

/** Runs inside Payara Micro, started with -XX:ThreadPriorityPolicy=1 as the run command starts it, on Linux. */
@ExtendWith(ArquillianExtension.class)
class HashingPoolIT {

    @Deployment
    @TargetsContainer("in-container")
    static WebArchive deployment() {
        return Deployments.inContainer();
    }

    @Inject
    HashingPool pool;

    /** The fields of the calling thread's stat that follow its parenthesised name, the state being the first. */
    static String[] statOfThisThread() {
        try {
            var stat = Files.readString(Path.of("/proc/thread-self/stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The nice value (field 19 of stat) and the scheduling policy (field 41; 0 normal, 5 idle) of this thread. */
    static int[] niceAndPolicyOfThisThread() {
        String[] fields = statOfThisThread();
        return new int[] {Integer.parseInt(fields[16]), Integer.parseInt(fields[38])};
    }

    @Test
    void passwordsAreHashedInTheIdleClassWhileRequestsKeepTheNormalOne() throws Exception {
        int[] hashing = pool.submit(() -> new int[] {Thread.currentThread().getPriority(),
                niceAndPolicyOfThisThread()[0], niceAndPolicyOfThisThread()[1]})
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertEquals(Thread.MIN_PRIORITY, hashing[0]);
        assertEquals(19, hashing[1], "the lowest priority, should the idle class be refused");
        assertEquals(5, hashing[2], "SCHED_IDLE");
        assertArrayEquals(new int[] {0, 0}, niceAndPolicyOfThisThread(), "the request thread that runs this test");
    }
}
