package torii.throttle.control;

import java.time.Duration;
import java.time.Instant;

/**
 * The arithmetic of throttling: a number of free failures, then a wait that starts at {@code firstWait} and doubles
 * with each further failure up to {@code maxWait}; failures are forgotten once none has happened for
 * {@code forgetAfter}. Lockouts are always temporary.
 */
public record Backoff(int freeFailures, Duration firstWait, Duration maxWait, Duration forgetAfter) {

    public Backoff {
        if (freeFailures < 0 || firstWait.isNegative() || firstWait.isZero() || maxWait.compareTo(firstWait) < 0
                || forgetAfter.isNegative() || forgetAfter.isZero()) {
            throw new IllegalArgumentException("free failures " + freeFailures + ", first wait " + firstWait
                    + ", longest wait " + maxWait + ", forget after " + forgetAfter);
        }
    }

    /** The count after a failure at {@code now}, given the count so far and when the last failure was. */
    public int countAfterFailure(int count, Instant lastFailure, Instant now) {
        return forgotten(lastFailure, now) ? 1 : count + 1;
    }

    public boolean forgotten(Instant lastFailure, Instant now) {
        return lastFailure == null || !now.isBefore(lastFailure.plus(forgetAfter));
    }

    /** How long the next attempt must wait after this many failures in a row. */
    public Duration waitAfter(int count) {
        int over = count - freeFailures;
        if (over <= 0) {
            return Duration.ZERO;
        }
        // Past 2^20 times the first wait, any sane cap has long been reached; the shift would overflow later.
        var wait = firstWait.multipliedBy(1L << Math.min(over - 1, 20));
        return wait.compareTo(maxWait) > 0 ? maxWait : wait;
    }

    /** Whole seconds until {@code lockedUntil}, rounded up; zero when it has passed or there is none. */
    public static long secondsLeft(Instant lockedUntil, Instant now) {
        if (lockedUntil == null || !now.isBefore(lockedUntil)) {
            return 0;
        }
        var left = Duration.between(now, lockedUntil);
        return left.toSeconds() + (left.toNanosPart() > 0 ? 1 : 0);
    }
}
