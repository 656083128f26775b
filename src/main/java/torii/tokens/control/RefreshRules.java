package torii.tokens.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import torii.tokens.entity.RefreshToken;
import torii.tokens.entity.Session;
import torii.users.entity.User;
import torii.platform.control.OpaqueValues;

/**
 * What makes a refresh token good: it exists, has not been used, belongs to the client presenting it, its session is
 * neither revoked nor past its absolute end, the token itself is within its idle lifetime, and the user still exists,
 * is active, has not chosen a new password since logging in, and still has the stamp of the login. The first rule broken
 * is the verdict.
 */
@ApplicationScoped
public class RefreshRules {


    @Inject
    @ConfigProperty(name = "torii.refresh-token.idle-minutes", defaultValue = "1440")
    long idleMinutes;

    @Inject
    @ConfigProperty(name = "torii.refresh-token.max-days", defaultValue = "30")
    long maxDays;

    /** Enough for every device and client of a person; a login past it ends that user's oldest session. */
    @Inject
    @ConfigProperty(name = "torii.sessions.max-per-user", defaultValue = "50")
    int maxSessions;

    private Duration idleLifetime;
    private Duration absoluteLifetime;

    public RefreshRules() {
    }

    RefreshRules(long idleMinutes, long maxDays) {
        this.idleMinutes = idleMinutes;
        this.maxDays = maxDays;
        this.maxSessions = 50;
        init();
    }

    @PostConstruct
    void init() {
        if (idleMinutes < 1) {
            throw new IllegalStateException("torii.refresh-token.idle-minutes must be at least 1, was " + idleMinutes);
        }
        if (maxDays < 1) {
            throw new IllegalStateException("torii.refresh-token.max-days must be at least 1, was " + maxDays);
        }
        if (maxSessions < 1) {
            throw new IllegalStateException("torii.sessions.max-per-user must be at least 1, was " + maxSessions);
        }
        idleLifetime = Duration.ofMinutes(idleMinutes);
        absoluteLifetime = Duration.ofDays(maxDays);
    }

    /** Created at start, so that a wrong setting stops the deployment instead of failing the first request. */
    void atStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
        // Observing the event is enough: it makes the container create this bean now.
    }

    /** The outcome of presenting a refresh token; only {@link #VALID} lets it be exchanged. */
    public enum Verdict {
        VALID, UNKNOWN, REUSED, OTHER_CLIENT, REVOKED, SESSION_EXPIRED, IDLE_EXPIRED, USER_GONE, USER_DISABLED,
        PASSWORD_CHANGED, USER_CHANGED
    }

    public Verdict judge(RefreshToken token, Session session, String clientId, User user, Instant now) {
        if (token == null || session == null) {
            return Verdict.UNKNOWN;
        }
        // The client comes first: a token presented by another client tells that client nothing and changes nothing.
        if (!session.clientId().equals(clientId)) {
            return Verdict.OTHER_CLIENT;
        }
        if (session.revoked()) {
            return Verdict.REVOKED;
        }
        if (token.used()) {
            return Verdict.REUSED;
        }
        if (!now.isBefore(session.expires())) {
            return Verdict.SESSION_EXPIRED;
        }
        if (!now.isBefore(expiry(token, session))) {
            return Verdict.IDLE_EXPIRED;
        }
        return judgeUser(session, user);
    }

    /** What makes a session good apart from any token of it: a browser's login cookie is judged by this alone. */
    public Verdict judge(Session session, User user, Instant now) {
        if (session == null) {
            return Verdict.UNKNOWN;
        }
        if (session.revoked()) {
            return Verdict.REVOKED;
        }
        if (!now.isBefore(session.expires())) {
            return Verdict.SESSION_EXPIRED;
        }
        return judgeUser(session, user);
    }

    Verdict judgeUser(Session session, User user) {
        if (user == null) {
            return Verdict.USER_GONE;
        }
        if (user.disabled()) {
            return Verdict.USER_DISABLED;
        }
        if (user.passwordChangedAt().isAfter(session.loggedIn())) {
            return Verdict.PASSWORD_CHANGED;
        }
        // A disable since the login (even if enabled again), or another user made under the same name.
        if (!user.stamp().equals(session.stamp())) {
            return Verdict.USER_CHANGED;
        }
        return Verdict.VALID;
    }

    /** When the token stops working unless exchanged: its idle lifetime, but never past its session's end. */
    public Instant expiry(RefreshToken token, Session session) {
        var idle = token.created().plus(idleLifetime);
        return idle.isBefore(session.expires()) ? idle : session.expires();
    }

    /** How many of a user's live sessions, oldest first, a new login must end to stay within the limit. */
    public int sessionsToEnd(int live) {
        return Math.max(0, live - maxSessions + 1);
    }

    public Duration idleLifetime() {
        return idleLifetime;
    }

    public Instant sessionEnd(Instant loggedIn) {
        return loggedIn.plus(absoluteLifetime);
    }

    /** 256 random bits, base64url without padding. */
    public static String newValue() {
        return OpaqueValues.random(32);
    }

    /** What the database keeps instead of the token: a fast hash is enough for 256 random bits. */
    public static String hash(String value) {
        return OpaqueValues.sha256(value);
    }
}
