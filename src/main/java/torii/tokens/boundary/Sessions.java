package torii.tokens.boundary;

import jakarta.ejb.Schedule;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import torii.platform.control.TokenSettings;
import torii.platform.entity.AuditEvent;
import torii.platform.entity.UserRemoved;
import torii.security.boundary.Denials;
import torii.tokens.control.RefreshRules;
import torii.tokens.entity.AuthorizationCode;
import torii.tokens.entity.RefreshToken;
import torii.tokens.entity.Session;
import torii.users.entity.User;

/**
 * Login sessions, each the family of refresh tokens descended from one login: started at most a configured number per
 * user, ended with every access token that names them, and deleted in bulk once they can refresh nothing.
 */
@Stateless
public class Sessions {

    /** A cookie's value is 43 characters; anything much longer is not one, and is not hashed. */
    static final int MAX_COOKIE = 128;

    @PersistenceContext
    EntityManager em;

    @Inject
    RefreshRules rules;

    @Inject
    Denials denials;

    @Inject
    TokenSettings settings;

    @Inject
    Event<AuditEvent> audit;

    Clock clock = Clock.systemUTC();

    /**
     * A new login session; the user's oldest ones end when it would pass the limit of sessions per user. The user's
     * row is locked first, so that logins of one user finishing at once count and end sessions one after the other.
     */
    public Session start(User user, String clientId, String scope) {
        var now = clock.instant();
        return open(user, new Session(user.username(), user.stamp(), clientId, scope, now, rules.sessionEnd(now)));
    }

    /** A browser's login at the login page, proven from now on by the cookie whose value is given. */
    public Session startBrowser(User user, String clientId, String cookie) {
        var now = clock.instant();
        return open(user, Session.browser(user.username(), user.stamp(), clientId, RefreshRules.hash(cookie), now,
                rules.sessionEnd(now)));
    }

    /** A client's session started by an authorization code from the browser's login, while that login lives. */
    public Optional<Session> startFrom(String loginId, User user, String clientId, String scope) {
        var login = em.find(Session.class, loginId);
        if (rules.judge(login, user, clock.instant()) != RefreshRules.Verdict.VALID) {
            return Optional.empty();
        }
        return Optional.of(open(user, Session.of(login, clientId, scope)));
    }

    Session open(User user, Session session) {
        em.find(User.class, user.username(), LockModeType.PESSIMISTIC_WRITE);
        var live = em.createNamedQuery(Session.LIVE_OF_USER, Session.class).setParameter("username", user.username())
                .setParameter("now", clock.instant()).getResultList();
        live.stream().limit(rules.sessionsToEnd(live.size())).forEach(this::end);
        em.persist(session);
        return session;
    }

    /**
     * The browser's login proven by this cookie, with its user, if it is still good: not ended, not past its end, and
     * its user still active with the password and stamp of the login.
     */
    public Optional<BrowserLogin> browserLogin(String cookie) {
        if (cookie == null || cookie.isEmpty() || cookie.length() > MAX_COOKIE) {
            return Optional.empty();
        }
        return em.createNamedQuery(Session.BY_COOKIE, Session.class).setParameter("cookie", RefreshRules.hash(cookie))
                .getResultStream().findFirst().flatMap(login -> {
                    var user = em.find(User.class, login.username());
                    return rules.judge(login, user, clock.instant()) == RefreshRules.Verdict.VALID
                            ? Optional.of(new BrowserLogin(login, user))
                            : Optional.empty();
                });
    }

    /** A browser's login and its user. */
    public record BrowserLogin(Session session, User user) {
    }

    /**
     * Ends the session: its refresh tokens stop working, and so do the access tokens that name it; a browser's login
     * ends every client's session started from it.
     */
    public void end(Session session) {
        var now = clock.instant();
        session.revoke(now);
        denials.deny(session.id(), now.plus(settings.accessTokenLifetime()).plusSeconds(settings.clockSkewSeconds()));
        if (session.browser()) {
            em.createNamedQuery(Session.OF_LOGIN, Session.class).setParameter("login", session.id()).getResultList()
                    .forEach(this::end);
        }
    }

    /** Ends a browser's login, at its user's request, and every client session started from it. */
    public void endLogin(String id, String address) {
        var login = em.find(Session.class, id);
        if (login != null && !login.revoked()) {
            end(login);
            audit.fire(new AuditEvent(AuditEvent.LOGOUT, login.username(), address, AuditEvent.SUCCESS,
                    "session " + id));
        }
    }

    /** The user's live sessions, newest first. */
    public List<Session> liveOf(String username) {
        var live = new ArrayList<>(em.createNamedQuery(Session.LIVE_OF_USER, Session.class)
                .setParameter("username", username).setParameter("now", clock.instant()).getResultList());
        Collections.reverse(live);
        return live;
    }

    /**
     * Ends the user's live sessions, all of them or the one with the given id, on an administrator's request, and
     * records it; the number ended (none for an id that is not a live session of this user).
     */
    public int endOf(String username, Optional<String> id) {
        var ending = liveOf(username).stream().filter(session -> id.map(session.id()::equals).orElse(true)).toList();
        ending.forEach(this::end);
        if (!ending.isEmpty()) {
            audit.fire(new AuditEvent(AuditEvent.SESSION_END, username, null, AuditEvent.SUCCESS,
                    ending.size() == 1 ? "session " + ending.get(0).id() : ending.size() + " sessions"));
        }
        return ending.size();
    }

    /**
     * Deletes, in a few statements whatever their number, the refresh tokens past their idle lifetime and the ended
     * sessions with their tokens.
     */
    @Schedule(hour = "*", minute = "*", persistent = false)
    void deleteExpired() {
        deleteExpired(clock.instant());
    }

    /** What {@link #deleteExpired()} does, as of the given moment. */
    public void deleteExpired(Instant now) {
        em.createNamedQuery(RefreshToken.IDLE_BEFORE).setParameter("before", now.minus(rules.idleLifetime()))
                .executeUpdate();
        em.createNamedQuery(RefreshToken.OF_ENDED_SESSIONS).setParameter("now", now).executeUpdate();
        em.createNamedQuery(Session.ENDED).setParameter("now", now).executeUpdate();
        em.createNamedQuery(AuthorizationCode.EXPIRED).setParameter("before", now.minus(Codes.KEPT_AFTER_EXPIRY))
                .executeUpdate();
    }

    /** A removed user's sessions go with the user, in the same transaction; their access tokens die with the user. */
    public void forget(@Observes UserRemoved removed) {
        em.createNamedQuery(AuthorizationCode.OF_USER).setParameter("username", removed.username()).executeUpdate();
        em.createNamedQuery(RefreshToken.OF_USER).setParameter("username", removed.username()).executeUpdate();
        em.createNamedQuery(Session.OF_USER).setParameter("username", removed.username()).executeUpdate();
    }
}
