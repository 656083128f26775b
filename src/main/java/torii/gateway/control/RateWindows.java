package torii.gateway.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * This instance's view of the rate-limit windows, one per user, application and minute: what all instances had let
 * in at the last synchronisation with the database, plus what this one has let in since. Deciding here keeps the
 * database out of each request; the database's counts make the limit shared.
 */
@ApplicationScoped
public class RateWindows {

    /** Whose requests, to what, in which minute (minutes since the epoch). */
    public record Key(String username, String appId, long minute) {
    }

    /** One window's counts: the database's, the ones being added to it, and the ones let in here since. */
    public static final class Window {

        private long shared;
        private long writing;
        private long local;

        Window(long shared) {
            this.shared = shared;
        }

        synchronized long count() {
            return shared + writing + local;
        }

        synchronized boolean admit(int limit) {
            if (shared + writing + local >= limit) {
                return false;
            }
            local++;
            return true;
        }

        /** The requests let in here since the last synchronisation, now to be added to the database. */
        public synchronized long takeLocal() {
            writing = local;
            local = 0;
            return writing;
        }

        /** The database's count after this instance's requests were added to it. */
        public synchronized void shared(long count) {
            shared = count;
            writing = 0;
        }

        /** Requests taken but not written are counted again, so that a failed write lets nobody in. */
        public synchronized void restore() {
            local += writing;
            writing = 0;
        }
    }

    private final Map<Key, Window> windows = new ConcurrentHashMap<>();

    public boolean knows(Key key) {
        return windows.containsKey(key);
    }

    /** Starts a window with the count the database has for it. */
    public void open(Key key, long shared) {
        windows.putIfAbsent(key, new Window(shared));
    }

    /** What all instances had let in at the last synchronisation, plus what this one has let in since. */
    public long count(Key key) {
        var window = windows.get(key);
        return window == null ? 0 : window.count();
    }

    public boolean admit(Key key, int limit) {
        return windows.computeIfAbsent(key, k -> new Window(0)).admit(limit);
    }

    public Map<Key, Window> all() {
        return windows;
    }

    public void drop(Predicate<Key> removed) {
        windows.keySet().removeIf(removed);
    }
}
