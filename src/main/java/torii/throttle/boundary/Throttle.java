package torii.throttle.boundary;

import jakarta.ejb.ApplicationException;
import jakarta.ejb.Schedule;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.time.Clock;
import torii.throttle.control.Backoff;
import torii.throttle.control.ThrottleSettings;
import torii.throttle.entity.FailureCount;

/** The counters of failed logins, kept in the database so that all instances share them. */
@Stateless
public class Throttle {

    @PersistenceContext
    EntityManager em;

    @Inject
    ThrottleSettings settings;

    Clock clock = Clock.systemUTC();

    /**
     * Counts a failure against the username and the address before their password is checked, unless either must
     * wait: then nothing is counted and the seconds to wait are returned. Both rows are locked while this is decided,
     * here and on every other instance, so attempts made at once are counted one after the other and no more of them
     * reach the password check than the counters allow. {@link #succeeded} takes the failure back.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public long reserve(String username, String address) {
        if (!settings.enabled()) {
            return 0;
        }
        var now = clock.instant();
        var user = locked(userKey(username));
        var from = locked(addressKey(address));
        var wait = Math.max(user.secondsLeft(now), from.secondsLeft(now));
        if (wait > 0) {
            return wait;
        }
        user.failed(settings.user(), now);
        from.failed(settings.address(), now);
        return 0;
    }

    /**
     * The password was right: the username's failures are cleared, and the failure reserved for the address is taken
     * back (the address's other failures stay, as other users may share it). Counters at zero stay until
     * {@link #forgetOld} deletes them, so that the next attempts lock a row instead of racing to make one.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void succeeded(String username, String address) {
        if (!settings.enabled()) {
            return;
        }
        var user = em.find(FailureCount.class, userKey(username), LockModeType.PESSIMISTIC_WRITE);
        if (user != null) {
            user.clear();
        }
        release(addressKey(address), settings.address());
    }

    /** An attempt refused before its password was checked: the failure reserved for it is taken back from both. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void cancel(String username, String address) {
        if (!settings.enabled()) {
            return;
        }
        release(userKey(username), settings.user());
        release(addressKey(address), settings.address());
    }

    void release(String key, Backoff backoff) {
        var counter = em.find(FailureCount.class, key, LockModeType.PESSIMISTIC_WRITE);
        if (counter != null) {
            counter.release(backoff);
        }
    }

    /** Counters nobody has failed against for longer than they are remembered; usernames guessed once pile up. */
    @Schedule(hour = "*", minute = "17", persistent = false)
    void forgetOld() {
        // Both backoffs forget after the same time.
        var before = clock.instant().minus(settings.user().forgetAfter());
        em.createNamedQuery(FailureCount.FORGET).setParameter("before", before).executeUpdate();
    }

    /**
     * The counter, locked until the transaction ends; made if there is none, flushed so that an attempt that made the
     * same counter at the same moment fails here, as {@link Raced}.
     */
    FailureCount locked(String key) {
        var counter = em.find(FailureCount.class, key, LockModeType.PESSIMISTIC_WRITE);
        if (counter == null) {
            counter = new FailureCount(key);
            try {
                em.persist(counter);
                em.flush();
            } catch (PersistenceException sameMoment) {
                throw new Raced();
            }
        }
        return counter;
    }

    /**
     * Another attempt made the same counter at the same moment: the caller tries again and finds it. An application
     * exception, so that the container rolls back without logging it as a failure of the system.
     */
    @ApplicationException(rollback = true)
    public static class Raced extends RuntimeException {

        Raced() {
            super("A login attempt counter was made at the same moment by another attempt", null, false, false);
        }
    }

    static String userKey(String username) {
        return "user:" + username;
    }

    static String addressKey(String address) {
        return "addr:" + address;
    }
}
