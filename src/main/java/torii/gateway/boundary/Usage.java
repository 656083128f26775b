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
import java.time.ZoneOffset;
import java.util.List;
import torii.apps.boundary.AppRemoved;
import torii.errors.boundary.ApiException;
import torii.gateway.control.GatewaySettings;
import torii.gateway.control.TokenUsage;
import torii.gateway.entity.RequestWindow;
import torii.gateway.entity.UsageCount;
import torii.users.boundary.UserRemoved;

/** The gateway's counters in the database: the rate limit per user, application and minute, and the daily usage. */
@Stateless
public class Usage {

    @PersistenceContext
    EntityManager em;

    @Inject
    GatewaySettings settings;

    @Resource
    SessionContext context;

    Clock clock = Clock.systemUTC();

    /** Lets the request in, or refuses it with 429 and the seconds to the next minute when the limit is reached. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void admit(String username, String appId) {
        var limit = settings.rateLimit();
        if (limit == 0) {
            return;
        }
        var now = clock.millis();
        var minute = now / 60_000;
        if (self().admitted(username, appId, minute, limit)) {
            return;
        }
        var secondsLeft = (60_000 - now % 60_000 + 999) / 1000;
        throw ApiException.retryLater(429, "rate_limit_exceeded", "Rate limit reached: " + limit
                + " requests per minute to this application; try again in " + secondsLeft + " s", secondsLeft);
    }

    /** Counts a finished request and the tokens its backend reported. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void record(String username, String appId, TokenUsage tokens) {
        var day = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        if (self().add(username, appId, day, tokens) > 0) {
            return;
        }
        try {
            self().insert(new UsageCount(username, appId, day, 1, tokens.prompt(), tokens.completion()));
        } catch (EJBException | PersistenceException inserted) {
            // Another instance inserted the day's row first: add to it.
            self().add(username, appId, day, tokens);
        }
    }

    /** A count per user, application and day, newest day first; either may be null for all. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public List<UsageCount> report(String username, String appId, LocalDate from, LocalDate to) {
        return em.createNamedQuery(UsageCount.REPORT, UsageCount.class).setParameter("user", username)
                .setParameter("app", appId).setParameter("from", from).setParameter("to", to).getResultList();
    }

    /** A removed user's counters go with the user, in the same transaction. */
    public void forget(@Observes UserRemoved removed) {
        em.createNamedQuery(UsageCount.DELETE_OF_USER).setParameter("user", removed.username()).executeUpdate();
        em.createNamedQuery(RequestWindow.DELETE_OF_USER).setParameter("user", removed.username()).executeUpdate();
    }

    /** A removed application's counters go with it, so that a new one of the same id starts afresh. */
    public void forget(@Observes AppRemoved removed) {
        em.createNamedQuery(UsageCount.DELETE_OF_APP).setParameter("app", removed.appId()).executeUpdate();
        em.createNamedQuery(RequestWindow.DELETE_OF_APP).setParameter("app", removed.appId()).executeUpdate();
    }

    /** Windows of minutes past are never read again. */
    @Schedule(hour = "*", minute = "*/5", persistent = false)
    void forgetOldWindows() {
        em.createNamedQuery(RequestWindow.FORGET).setParameter("before", clock.millis() / 60_000 - 1).executeUpdate();
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean admitted(String username, String appId, long minute, int limit) {
        if (em.createNamedQuery(RequestWindow.ADMIT).setParameter("user", username).setParameter("app", appId)
                .setParameter("start", minute).setParameter("limit", limit).executeUpdate() > 0) {
            return true;
        }
        if (!em.createNamedQuery(RequestWindow.FIND).setParameter("user", username).setParameter("app", appId)
                .setParameter("start", minute).getResultList().isEmpty()) {
            return false;
        }
        try {
            self().open(new RequestWindow(username, appId, minute));
            return true;
        } catch (EJBException | PersistenceException opened) {
            // Another instance opened the window first: count against it.
            return em.createNamedQuery(RequestWindow.ADMIT).setParameter("user", username).setParameter("app", appId)
                    .setParameter("start", minute).setParameter("limit", limit).executeUpdate() > 0;
        }
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void open(RequestWindow window) {
        em.persist(window);
        em.flush();
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int add(String username, String appId, LocalDate day, TokenUsage tokens) {
        return em.createNamedQuery(UsageCount.ADD).setParameter("requests", 1L).setParameter("prompt", tokens.prompt())
                .setParameter("completion", tokens.completion()).setParameter("user", username)
                .setParameter("app", appId).setParameter("day", day).executeUpdate();
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
