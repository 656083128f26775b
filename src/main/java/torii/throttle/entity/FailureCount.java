package torii.throttle.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import torii.throttle.control.Backoff;

/** The failed logins in a row of one username ({@code user:…}) or one client address ({@code addr:…}). */
@Entity
@Table(name = "login_failures")
@NamedQuery(name = FailureCount.FORGET, query = "DELETE FROM FailureCount f WHERE f.lastFailure < :before")
public class FailureCount {

    public static final String FORGET = "FailureCount.forget";

    /** Room for the longest username a login may name, with its prefix. */
    public static final int MAX_KEY_LENGTH = 1100;

    @Id
    @Column(name = "counter_key", length = MAX_KEY_LENGTH)
    private String key;

    @Column(nullable = false)
    private int failures;

    @Column(name = "last_failure")
    private Instant lastFailure;

    @Column(name = "locked_until")
    private Instant lockedUntil;

    protected FailureCount() {
    }

    public FailureCount(String key) {
        this.key = key;
    }

    public void failed(Backoff backoff, Instant now) {
        failures = backoff.countAfterFailure(failures, lastFailure, now);
        lastFailure = now;
        var wait = backoff.waitAfter(failures);
        lockedUntil = wait.isZero() ? null : now.plus(wait);
    }

    /** Takes back one failure counted before an attempt that then succeeded, or was never made. */
    public void release(Backoff backoff) {
        failures = Math.max(0, failures - 1);
        var wait = backoff.waitAfter(failures);
        lockedUntil = wait.isZero() || lastFailure == null ? null : lastFailure.plus(wait);
    }

    /** No failure in a row any more. */
    public void clear() {
        failures = 0;
        lockedUntil = null;
    }

    public long secondsLeft(Instant now) {
        return Backoff.secondsLeft(lockedUntil, now);
    }
}
