package torii.users.control;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PoolStateTest {

    @Test
    void anIdlePoolIsNeverStuck() {
        assertFalse(new PoolState(2, 0, 0, 3_600_000).stuckLongerThan(60_000));
    }

    @Test
    void aFullPoolThatKeepsFinishingWorkIsNotStuck() {
        assertFalse(new PoolState(2, 2, 32, 300).stuckLongerThan(60_000));
    }

    @Test
    void busyThreadsThatFinishNothingForTooLongAreStuck() {
        assertTrue(new PoolState(2, 2, 0, 60_001).stuckLongerThan(60_000));
    }

    @Test
    void waitingWorkThatNoThreadTakesIsStuck() {
        assertTrue(new PoolState(2, 0, 5, 60_001).stuckLongerThan(60_000));
    }

    @Test
    void theLimitItselfIsStillTolerated() {
        assertFalse(new PoolState(2, 2, 0, 60_000).stuckLongerThan(60_000));
    }
}
