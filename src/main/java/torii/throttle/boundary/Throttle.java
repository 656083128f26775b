package torii.throttle.boundary;

import jakarta.ejb.Schedule;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
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
     * back (the address's other failures stay, as other users may share it).
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void succeeded(String username, String address) {
        if (!settings.enabled()) {
            return;
        }
        var user = em.find(FailureCount.class, userKey(username), LockModeType.PESSIMISTIC_WRITE);
        if (user != null) {
            em.remove(user);
        }
        var from = em.find(FailureCount.class, addressKey(address), LockModeType.PESSIMISTIC_WRITE);
        if (from != null && from.release(settings.address())) {
            em.remove(from);
        }
    }

    /** Counters nobody has failed against for longer than they are remembered; usernames guessed once pile up. */
    @Schedule(hour = "*", minute = "17", persistent = false)
    void forgetOld() {
        // Both backoffs forget after the same time.
        var before = clock.instant().minus(settings.user().forgetAfter());
        em.createNamedQuery(FailureCount.FORGET).setParameter("before", before).executeUpdate();
    }

    /** The counter, locked until the transaction ends; made if there is none (flushed, so a race fails here). */
    FailureCount locked(String key) {
        var counter = em.find(FailureCount.class, key, LockModeType.PESSIMISTIC_WRITE);
        if (counter == null) {
            counter = new FailureCount(key);
            em.persist(counter);
            em.flush();
        }
        return counter;
    }

    static String userKey(String username) {
        return "user:" + username;
    }

    static String addressKey(String address) {
        return "addr:" + address;
    }
}
