package torii.tokens.boundary;

import jakarta.ejb.Schedule;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import torii.audit.boundary.AuditEvent;
import torii.tokens.control.DenyList;
import torii.tokens.control.RefreshRules;
import torii.tokens.control.Scope;
import torii.tokens.control.TokenIssuer;
import torii.tokens.control.TokenVerifier;
import torii.tokens.entity.RefreshToken;
import torii.tokens.entity.RevokedToken;
import torii.tokens.entity.Session;
import torii.users.boundary.UserRemoved;
import torii.users.boundary.Users;

/**
 * Ends sessions and access tokens (RFC 7009), tells resource servers whether a token is active (RFC 7662), and keeps
 * this instance's deny-list in step with the shared one.
 */
@Stateless
public class Revocations {

    static final String ACCESS_TOKEN = "access_token";
    static final String REFRESH_TOKEN = "refresh_token";
    /** Rows revoked this long before the last look are read again, for commits that were slower than the clock. */
    static final Duration OVERLAP = Duration.ofSeconds(10);

    @PersistenceContext
    EntityManager em;

    @Inject
    TokenVerifier verifier;

    @Inject
    DenyList denied;

    @Inject
    RefreshRules rules;

    @Inject
    Users users;

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.issuer", defaultValue = TokenIssuer.DEFAULT_ISSUER)
    String issuer;

    @Inject
    @ConfigProperty(name = "torii.token.expire-minutes", defaultValue = "30")
    long expireMinutes;

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.clock.skew", defaultValue = "60")
    int clockSkewSeconds;

    @Inject
    Event<AuditEvent> audit;

    Clock clock = Clock.systemUTC();

    /**
     * Revokes a refresh token (its whole session) or an access token, if it is one of the client's. Anything else
     * that is not a token of this service is ignored, as RFC 7009 section 2.2 asks.
     */
    public void revoke(String token, String hint, String clientId) {
        if (!ACCESS_TOKEN.equals(hint) && revokeRefreshToken(token, clientId)) {
            return;
        }
        var access = verifier.verify(token);
        if (access.isPresent()) {
            ownedBy(clientId, access.get().getClaim(TokenIssuer.CLIENT_ID));
            deny(access.get().getTokenID(), Instant.ofEpochSecond(access.get().getExpirationTime())
                    .plusSeconds(clockSkewSeconds));
            audit.fire(new AuditEvent(AuditEvent.TOKEN_REVOKE, access.get().getSubject(), null, AuditEvent.SUCCESS,
                    "access token"));
        } else if (ACCESS_TOKEN.equals(hint)) {
            revokeRefreshToken(token, clientId);
        }
    }

    boolean revokeRefreshToken(String value, String clientId) {
        var token = em.find(RefreshToken.class, RefreshRules.hash(value));
        var session = token == null ? null : em.find(Session.class, token.session());
        if (session == null) {
            return false;
        }
        ownedBy(clientId, session.clientId());
        endSession(session);
        audit.fire(new AuditEvent(AuditEvent.TOKEN_REVOKE, session.username(), null, AuditEvent.SUCCESS,
                "refresh token; the session is ended"));
        return true;
    }

    /** RFC 7009 section 2.1: a client may revoke only the tokens issued to it. */
    static void ownedBy(String clientId, Object owner) {
        if (!Objects.equals(clientId, owner)) {
            throw TokenErrors.unauthorizedClient("The token was not issued to this client");
        }
    }

    /** Ends the session: its refresh tokens stop working, and so do the access tokens that name it. */
    public void endSession(Session session) {
        var now = clock.instant();
        session.revoke(now);
        deny(session.id(), now.plus(Duration.ofMinutes(expireMinutes)).plusSeconds(clockSkewSeconds));
    }

    void deny(String id, Instant until) {
        if (em.find(RevokedToken.class, id) == null) {
            em.persist(new RevokedToken(id, clock.instant(), until));
        }
        denied.add(id, until);
    }

    /**
     * Whether the token is a valid access or refresh token of this service whose user may still use it. Both kinds
     * are looked for whatever the hint, as RFC 7662 section 2.1 allows, since looking costs a map or a row lookup.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public Introspection introspect(String token) {
        var access = verifier.verify(token).filter(this::userActive);
        return access.map(this::describe).orElseGet(() -> introspectRefreshToken(token));
    }

    /** The token's user exists, is enabled, and still has the stamp the token carries. */
    boolean userActive(JsonWebToken token) {
        return users.find(token.getSubject())
                .filter(user -> !user.disabled() && user.stamp().equals(TokenIssuer.stampOf(token))).isPresent();
    }

    Introspection describe(JsonWebToken token) {
        return new Introspection(true, token.getSubject(), token.getName(), token.getClaim(Scope.CLAIM),
                token.getClaim(TokenIssuer.CLIENT_ID), "Bearer", token.getExpirationTime(), token.getIssuedAtTime(),
                token.getIssuer(), token.getTokenID());
    }

    Introspection introspectRefreshToken(String value) {
        var token = em.find(RefreshToken.class, RefreshRules.hash(value));
        var session = token == null ? null : em.find(Session.class, token.session());
        if (session == null) {
            return Introspection.INACTIVE;
        }
        var user = users.find(session.username()).orElse(null);
        if (rules.judge(token, session, session.clientId(), user, clock.instant()) != RefreshRules.Verdict.VALID) {
            return Introspection.INACTIVE;
        }
        return new Introspection(true, session.username(), session.username(), session.scope(), session.clientId(),
                REFRESH_TOKEN, rules.expiry(token, session).getEpochSecond(), token.created().getEpochSecond(), issuer,
                null);
    }

    /** Takes in what other instances revoked since the last look, and forgets what has expired. */
    @Schedule(hour = "*", minute = "*", second = "*", persistent = false)
    void synchronize() {
        var now = clock.instant();
        em.createNamedQuery(RevokedToken.SINCE, RevokedToken.class).setParameter("since", denied.syncedUntil()
                .minus(OVERLAP)).setParameter("now", now).getResultList()
                .forEach(row -> denied.add(row.tokenId(), row.until()));
        denied.syncedUntil(now);
        denied.dropExpired();
    }

    /**
     * Deletes what can no longer deny or refresh anything, in a few statements whatever their number: deny-list entries
     * past the tokens they deny, refresh tokens past their idle lifetime, and ended sessions with their tokens.
     */
    @Schedule(hour = "*", minute = "*", persistent = false)
    void deleteExpired() {
        deleteExpired(clock.instant());
    }

    /** What {@link #deleteExpired()} does, as of the given moment. */
    public void deleteExpired(Instant now) {
        em.createNamedQuery(RevokedToken.EXPIRED).setParameter("now", now).executeUpdate();
        em.createNamedQuery(RefreshToken.IDLE_BEFORE).setParameter("before", now.minus(rules.idleLifetime()))
                .executeUpdate();
        em.createNamedQuery(RefreshToken.OF_ENDED_SESSIONS).setParameter("now", now).executeUpdate();
        em.createNamedQuery(Session.ENDED).setParameter("now", now).executeUpdate();
    }

    /** A removed user's sessions go with the user, in the same transaction; their access tokens die with the user. */
    public void forget(@Observes UserRemoved removed) {
        em.createNamedQuery(RefreshToken.OF_USER).setParameter("username", removed.username()).executeUpdate();
        em.createNamedQuery(Session.OF_USER).setParameter("username", removed.username()).executeUpdate();
    }
}
