package torii.audit.control;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;


/**
 * Events that any caller can cause as often as they like (logins, refreshes, revocations, and every failure), counted
 * in memory and written as one row per kind, username, address and minute, with the count: a loop of anonymous
 * requests then adds at most a bounded number of rows a minute, however fast it runs. Past {@code maxKeys} different
 * ones in a minute, the rest are counted together, without username or address.
 */
public class AuditTally {

    /** What makes two events the same row: everything but the time and the detail, which the first event gives. */
    public record Key(String action, String username, String address, String actor, String outcome) {
    }

    /** The first event of a key in this minute, and how many there were. */
    public record Count(Instant first, String detail, int count) {

        Count plus(Count other) {
            return new Count(first.isBefore(other.first) ? first : other.first, detail, count + other.count);
        }
    }

    static final String OTHERS = "counted together: too many different usernames and addresses in one minute";

    private final int maxKeys;
    private Map<Key, Count> counts = new HashMap<>();

    public AuditTally(int maxKeys) {
        this.maxKeys = maxKeys;
    }

    public synchronized void add(Key key, Instant time, String detail) {
        if (counts.size() >= maxKeys && !counts.containsKey(key)) {
            key = new Key(key.action(), null, null, null, key.outcome());
            detail = OTHERS;
        }
        counts.merge(key, new Count(time, detail, 1), Count::plus);
    }

    /** Everything counted so far; counting starts afresh. */
    public synchronized Map<Key, Count> drain() {
        var drained = counts;
        counts = new HashMap<>();
        return drained;
    }

    /** Counts that could not be written, back for the next time. */
    public synchronized void restore(Map<Key, Count> unwritten) {
        unwritten.forEach((key, count) -> counts.merge(key, count, Count::plus));
    }
}
