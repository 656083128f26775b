package torii.throttle.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BackoffTest {

    static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

    Backoff backoff = new Backoff(5, Duration.ofMinutes(1), Duration.ofMinutes(15), Duration.ofHours(12));

    @Test
    void freeFailuresCostNoWait() {
        for (int count = 0; count <= 5; count++) {
            assertEquals(Duration.ZERO, backoff.waitAfter(count), "after " + count);
        }
    }

    @Test
    void waitDoublesWithEachFailurePastTheFreeOnesUpToTheCap() {
        assertEquals(Duration.ofMinutes(1), backoff.waitAfter(6));
        assertEquals(Duration.ofMinutes(2), backoff.waitAfter(7));
        assertEquals(Duration.ofMinutes(4), backoff.waitAfter(8));
        assertEquals(Duration.ofMinutes(8), backoff.waitAfter(9));
        assertEquals(Duration.ofMinutes(15), backoff.waitAfter(10));
        assertEquals(Duration.ofMinutes(15), backoff.waitAfter(11));
    }

    @Test
    void endlessFailuresNeverOverflowTheCap() {
        assertEquals(Duration.ofMinutes(15), backoff.waitAfter(Integer.MAX_VALUE));
        assertEquals(Duration.ofMinutes(15), backoff.waitAfter(70));
    }

    @Test
    void failuresAddUpWhileRecent() {
        assertEquals(4, backoff.countAfterFailure(3, NOW.minus(Duration.ofHours(11)), NOW));
    }

    @Test
    void failuresAreForgottenAfterAQuietSpell() {
        assertEquals(1, backoff.countAfterFailure(30, NOW.minus(Duration.ofHours(12)), NOW));
    }

    @Test
    void firstFailureStartsTheCount() {
        assertEquals(1, backoff.countAfterFailure(0, null, NOW));
    }

    @Test
    void secondsLeftRoundUp() {
        assertEquals(60, Backoff.secondsLeft(NOW.plusSeconds(60), NOW));
        assertEquals(1, Backoff.secondsLeft(NOW.plusMillis(1), NOW));
        assertEquals(2, Backoff.secondsLeft(NOW.plusMillis(1001), NOW));
    }

    @Test
    void noWaitOnceTheLockHasPassed() {
        assertEquals(0, Backoff.secondsLeft(NOW, NOW));
        assertEquals(0, Backoff.secondsLeft(NOW.minusSeconds(1), NOW));
        assertEquals(0, Backoff.secondsLeft(null, NOW));
    }

    @Test
    void inconsistentSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new Backoff(5, Duration.ofMinutes(10), Duration.ofMinutes(1), Duration.ofHours(12)));
        assertThrows(IllegalArgumentException.class,
                () -> new Backoff(-1, Duration.ofMinutes(1), Duration.ofMinutes(15), Duration.ofHours(12)));
        assertThrows(IllegalArgumentException.class,
                () -> new Backoff(5, Duration.ZERO, Duration.ofMinutes(15), Duration.ofHours(12)));
    }
}
