package torii.security.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * This instance's copy of the revoked access tokens (by {@code jti}) and login sessions (by {@code sid}), so that
 * checking a request costs a map lookup. The database holds the list every instance shares; entries are added here at
 * once when revoked here, from the database within a second when revoked elsewhere, and dropped once whatever they
 * deny has expired.
 */
@ApplicationScoped
public class DenyList {

    /** Denied id, and when the last token it could deny expires. */
    private final ConcurrentMap<String, Instant> denied = new ConcurrentHashMap<>();
    /** Revocations up to this moment have been read from the database. */
    private volatile Instant syncedUntil = Instant.EPOCH;
    Clock clock = Clock.systemUTC();

    public Instant syncedUntil() {
        return syncedUntil;
    }

    public void syncedUntil(Instant moment) {
        syncedUntil = moment;
    }

    public boolean contains(String id) {
        return id != null && denied.containsKey(id);
    }

    public void add(String id, Instant until) {
        denied.merge(id, until, (one, other) -> one.isAfter(other) ? one : other);
    }

    /** Forgets what can deny nothing any more, as expired tokens fail verification anyway. */
    public void dropExpired() {
        var now = clock.instant();
        denied.values().removeIf(until -> until.isBefore(now));
    }
}
