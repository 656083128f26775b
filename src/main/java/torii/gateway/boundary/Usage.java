package torii.gateway.boundary;

import jakarta.annotation.Resource;
import jakarta.ejb.EJBException;
import jakarta.ejb.Schedule;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import torii.clients.entity.Client;
import torii.gateway.control.RateWindows;
import torii.gateway.control.UsageTally;
import torii.gateway.entity.RequestWindow;
import torii.gateway.entity.UsageCount;
import torii.platform.entity.AppRemoved;
import torii.platform.entity.ClientRemoved;
import torii.platform.entity.UserRemoved;

/**
 * The gateway's counters in the database: the rate limit per user, application and minute, and the usage per day, each
 * counted by the instance ({@link Meter}) and written here every second, where all instances' counts meet.
 */
@Stateless
public class Usage {

    @PersistenceContext
    EntityManager em;

    private static final Logger LOG = Logger.getLogger(Usage.class.getName());

    @Inject
    UsageTally tally;

    @Inject
    RateWindows windows;

    @Resource
    SessionContext context;

    Clock clock = Clock.systemUTC();

    /** What all instances have let in during the window so far, as the database holds it. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public long sharedCount(RateWindows.Key key) {
        return em.createNamedQuery(RequestWindow.FIND, Long.class).setParameter("user", key.username())
                .setParameter("app", key.appId()).setParameter("start", key.minute()).getResultStream().findFirst()
                .orElse(0L);
    }

    /**
     * Adds the requests this instance let in to the database's windows, and learns what all instances let in; windows
     * of minutes past are written a last time and forgotten.
     */
    void synchronizeWindows() {
        var minute = clock.millis() / 60_000;
        for (var entry : windows.all().entrySet()) {
            var key = entry.getKey();
            var window = entry.getValue();
            var taken = window.takeLocal();
            try {
                window.shared(self().addToWindow(key, taken));
            } catch (RuntimeException failed) {
                window.restore();
                LOG.log(Level.WARNING, "Rate-limit counts not written yet: {0}", failed.toString());
                return;
            }
            if (key.minute() < minute) {
                windows.all().remove(key);
            }
        }
    }

    /**
     * Adds what this instance counted to the database, each count with an UPDATE that adds to the row, or an INSERT
     * for the first of a day; counts that fail are kept for the next time.
     */
    @Schedule(hour = "*", minute = "*", second = "*", persistent = false)
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void flush() {
        // One flush at a time: a usage request that flushes must find the timer's flush finished, not half done.
        synchronized (tally) {
            synchronizeWindows();
            for (var key : tally.keys()) {
                var counts = tally.take(key);
                if (counts == null) {
                    continue;
                }
                try {
                    write(key, counts);
                } catch (RuntimeException failed) {
                    tally.restore(key, counts);
                    LOG.log(Level.WARNING, "Usage counts not written yet: {0}", failed.toString());
                    return;
                }
            }
        }
    }

    void write(UsageTally.Key key, UsageTally.Counts counts) {
        if (self().add(key, counts) > 0) {
            return;
        }
        try {
            self().insert(new UsageCount(key.username(), key.appId(), key.day(), counts.requests(), counts.prompt(),
                    counts.completion()));
        } catch (EJBException | PersistenceException inserted) {
            // Another instance inserted the day's row first: add to it.
            self().add(key, counts);
        }
    }

    /**
     * The tokens used by a caller of an application over days from and to: what every instance has written (each
     * writes every second) and what this one has not written yet.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public long tokensUsed(String name, String appId, LocalDate from, LocalDate to) {
        // Not while a flush moves counts from memory to the database, where they would be counted twice or not at all.
        synchronized (tally) {
            var sums = em.createNamedQuery(UsageCount.TOKENS, Object[].class).setParameter("user", name)
                    .setParameter("app", appId).setParameter("from", from).setParameter("to", to).getSingleResult();
            return amount(sums[0]) + amount(sums[1]) + tally.pendingTokens(name, appId, from, to);
        }
    }

    /** A sum of no rows is null. */
    static long amount(Object sum) {
        return sum == null ? 0 : ((Number) sum).longValue();
    }

    /** A count per user, application and day, newest day first; either may be null for all. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public List<UsageCount> report(String username, String appId, LocalDate from, LocalDate to) {
        // This instance's own counts are written first, so that a caller sees their last request.
        flush();
        return em.createNamedQuery(UsageCount.REPORT, UsageCount.class).setParameter("user", username)
                .setParameter("app", appId).setParameter("from", from).setParameter("to", to).getResultList();
    }

    /** A removed user's counters go with the user, in the same transaction. */
    public void forget(@Observes UserRemoved removed) {
        forgetCaller(removed.username());
    }

    /** A removed client's counters go with the client, so that a new one of the same id starts afresh. */
    public void forget(@Observes ClientRemoved removed) {
        forgetCaller(Client.METERED_PREFIX + removed.clientId());
    }

    void forgetCaller(String name) {
        tally.drop(key -> key.username().equals(name));
        windows.drop(key -> key.username().equals(name));
        em.createNamedQuery(UsageCount.DELETE_OF_USER).setParameter("user", name).executeUpdate();
        em.createNamedQuery(RequestWindow.DELETE_OF_USER).setParameter("user", name).executeUpdate();
    }

    /** A removed application's counters go with it, so that a new one of the same id starts afresh. */
    public void forget(@Observes AppRemoved removed) {
        tally.drop(key -> key.appId().equals(removed.appId()));
        windows.drop(key -> key.appId().equals(removed.appId()));
        em.createNamedQuery(UsageCount.DELETE_OF_APP).setParameter("app", removed.appId()).executeUpdate();
        em.createNamedQuery(RequestWindow.DELETE_OF_APP).setParameter("app", removed.appId()).executeUpdate();
    }

    /** Windows of minutes past are never read again. */
    @Schedule(hour = "*", minute = "*/5", persistent = false)
    void forgetOldWindows() {
        em.createNamedQuery(RequestWindow.FORGET).setParameter("before", clock.millis() / 60_000 - 1).executeUpdate();
    }

    /** The window's count after adding the requests to it, opening it if no instance has yet. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public long addToWindow(RateWindows.Key key, long requests) {
        if (requests > 0 && self().addRequests(key, requests) == 0) {
            try {
                self().insertWindow(new RequestWindow(key.username(), key.appId(), key.minute(), requests));
            } catch (EJBException | PersistenceException opened) {
                // Another instance opened the window first: add to it.
                self().addRequests(key, requests);
            }
        }
        return sharedCount(key);
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int addRequests(RateWindows.Key key, long requests) {
        return em.createNamedQuery(RequestWindow.ADD).setParameter("requests", requests)
                .setParameter("user", key.username()).setParameter("app", key.appId())
                .setParameter("start", key.minute()).executeUpdate();
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void insertWindow(RequestWindow window) {
        em.persist(window);
        em.flush();
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int add(UsageTally.Key key, UsageTally.Counts counts) {
        return em.createNamedQuery(UsageCount.ADD).setParameter("requests", counts.requests())
                .setParameter("prompt", counts.prompt()).setParameter("completion", counts.completion())
                .setParameter("user", key.username()).setParameter("app", key.appId()).setParameter("day", key.day())
                .executeUpdate();
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void insert(UsageCount count) {
        em.persist(count);
        em.flush();
    }

    Usage self() {
        return context.getBusinessObject(Usage.class);
    }
}
