package torii.throttle.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import torii.testing.Api;
import torii.testing.Deployments;

/**
 * Failed logins take the same time whatever the reason, so that timing does not tell which accounts exist. Runs on a
 * server whose throttling never triggers, at the default bcrypt cost.
 */
@ExtendWith(ArquillianExtension.class)
class LoginTimingIT {

    static final int ATTEMPTS = 24;

    @Deployment(testable = false)
    @TargetsContainer("timing")
    static WebArchive deployment() {
        return Deployments.war();
    }

    @ArquillianResource
    URL deployment;

    @Test
    void unknownUserWrongPasswordDisabledUserAndOverlongPasswordTakeTheSameTime() {
        var api = Api.at(deployment);
        var cases = new LinkedHashMap<String, String>();
        cases.put("wrong password", "username=johndoe&password=wrong");
        cases.put("unknown user", "username=nobody&password=secret");
        cases.put("disabled user", "username=alice&password=secretalice");
        cases.put("password over 72 bytes", "username=johndoe&password=" + "a".repeat(73));
        // A few rounds to warm up, then the cases in turn, so that a busy spell of the machine hits them all alike.
        Map<String, List<Long>> times = new LinkedHashMap<>();
        for (int round = -3; round < ATTEMPTS; round++) {
            for (var entry : cases.entrySet()) {
                long start = System.nanoTime();
                var reply = api.postForm("token", entry.getValue());
                long elapsed = System.nanoTime() - start;
                assertEquals(400, reply.status(), entry.getKey());
                assertEquals("invalid_grant", reply.json().getString("error"), entry.getKey());
                if (round >= 0) {
                    times.computeIfAbsent(entry.getKey(), key -> new ArrayList<>()).add(elapsed);
                }
            }
        }
        var medians = new LinkedHashMap<String, Long>();
        times.forEach((name, samples) -> medians.put(name, median(samples)));
        long fastest = medians.values().stream().min(Long::compare).orElseThrow();
        long slowest = medians.values().stream().max(Long::compare).orElseThrow();
        assertTrue(slowest <= fastest * 1.2, "medians in ns within 20% of each other: " + medians);
    }

    static long median(List<Long> samples) {
        var sorted = samples.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
