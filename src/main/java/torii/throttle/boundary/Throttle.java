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
import java.time.Instant;
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

    /** Seconds until this username may try again from this address; zero when it may now. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public long secondsToWait(String username, String address) {
        if (!settings.enabled()) {
            return 0;
        }
        var now = clock.instant();
        return Math.max(secondsLeft(userKey(username), now), secondsLeft(addressKey(address), now));
    }

    /** Counts a failure against both; run in its own transaction, so that it stays counted when the login fails. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void failed(String username, String address) {
        if (!settings.enabled()) {
            return;
        }
        var now = clock.instant();
        count(userKey(username), settings.user(), now);
        count(addressKey(address), settings.address(), now);
    }

    /** A successful login clears the username's failures; the address's stay, as other users may share it. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void succeeded(String username) {
        var counter = em.find(FailureCount.class, userKey(username));
        if (counter != null) {
            em.remove(counter);
        }
    }

    /** Counters nobody has failed against for longer than they are remembered; usernames guessed once pile up. */
    @Schedule(hour = "*", minute = "17", persistent = false)
    void forgetOld() {
        // Both backoffs forget after the same time.
        var before = clock.instant().minus(settings.user().forgetAfter());
        em.createNamedQuery(FailureCount.FORGET).setParameter("before", before).executeUpdate();
    }

    long secondsLeft(String key, Instant now) {
        var counter = em.find(FailureCount.class, key);
        return counter == null ? 0 : counter.secondsLeft(now);
    }

    void count(String key, Backoff backoff, Instant now) {
        var counter = em.find(FailureCount.class, key, LockModeType.PESSIMISTIC_WRITE);
        if (counter == null) {
            counter = new FailureCount(key);
            em.persist(counter);
        }
        counter.failed(backoff, now);
    }

    static String userKey(String username) {
        return "user:" + username;
    }

    static String addressKey(String address) {
        return "addr:" + address;
    }
}
