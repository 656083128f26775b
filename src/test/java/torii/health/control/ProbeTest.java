package torii.health.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ejb.EJBException;
import java.sql.SQLTimeoutException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ProbeTest {

    final java.util.concurrent.ExecutorService executor = Executors.newCachedThreadPool();
    final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stop() {
        release.countDown();
        executor.shutdownNow();
    }

    @Test
    void answersWhatTheCheckReturns() throws Exception {
        assertEquals(Boolean.TRUE, new Probe<Boolean>().await(executor, () -> true, 1000));
    }

    @Test
    void aHangingCheckTimesOut() {
        var probe = new Probe<Boolean>();
        long start = System.nanoTime();
        assertThrows(TimeoutException.class, () -> probe.await(executor, () -> release.await(1, java.util.concurrent.TimeUnit.MINUTES), 200));
        assertTrue(System.nanoTime() - start < 2_000_000_000L);
    }

    @Test
    void aHangingCheckIsJoinedNotStartedAgain() throws Exception {
        var probe = new Probe<Boolean>();
        var started = new AtomicInteger();
        for (int i = 0; i < 3; i++) {
            assertThrows(TimeoutException.class, () -> probe.await(executor, () -> {
                started.incrementAndGet();
                return release.await(1, java.util.concurrent.TimeUnit.MINUTES);
            }, 100));
        }
        assertEquals(1, started.get());
        release.countDown();
        assertEquals(Boolean.TRUE, probe.await(executor, () -> {
            started.incrementAndGet();
            return true;
        }, 1000));
    }

    @Test
    void aFailureOfTheCheckIsThrownItself() {
        var probe = new Probe<Boolean>();
        assertThrows(IllegalStateException.class, () -> probe.await(executor, () -> {
            throw new IllegalStateException("down");
        }, 1000));
    }

    @Test
    void theReasonIsTheInnermostCauseTypeWithoutItsMessage() {
        var failure = new EJBException(new RuntimeException("jdbc:postgresql://db/torii user=torii",
                new SQLTimeoutException("secret detail")));
        assertEquals("SQLTimeoutException", Probe.reason(failure));
    }
}
