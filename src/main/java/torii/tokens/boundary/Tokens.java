package torii.tokens.boundary;

import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import torii.tokens.control.RefreshRules;
import torii.tokens.control.Scopes;
import torii.tokens.control.TokenIssuer;
import torii.tokens.entity.RefreshToken;
import torii.tokens.entity.Session;
import torii.users.boundary.Users;

/** Grants tokens: a login with a password starts a session, and each refresh exchanges its refresh token once. */
@Stateless
public class Tokens {

    private static final Logger LOG = Logger.getLogger(Tokens.class.getName());

    @PersistenceContext
    EntityManager em;

    @Inject
    Users users;

    @Inject
    TokenIssuer issuer;

    @Inject
    RefreshRules rules;

    @Inject
    Revocations revocations;

    @Resource
    SessionContext context;

    Clock clock = Clock.systemUTC();

    /** The resource owner password credentials grant (RFC 6749 section 4.3). */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public TokenResponse passwordGrant(TokenRequest request, String clientId) {
        var user = users.authenticate(request.username(), request.password()).orElseThrow(TokenErrors::invalidGrant);
        return self().startSession(user.username(), user.roles(), clientId, Scopes.grant(request.scope()));
    }

    /** The refresh-token grant (RFC 6749 section 6); every way a refresh token can be wrong gets the same answer. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public TokenResponse refreshGrant(TokenRequest request, String clientId) {
        return self().refresh(request.refreshToken(), clientId).orElseThrow(TokenErrors::invalidRefreshToken);
    }

    public TokenResponse startSession(String username, Set<String> roles, String clientId, String scope) {
        var now = clock.instant();
        var session = new Session(username, clientId, scope, now, rules.sessionEnd(now));
        em.persist(session);
        return respond(username, roles, session);
    }

    /**
     * Exchanges a refresh token for a new pair, once. A token used before is a sign that it was stolen: its whole
     * session ends (RFC 9700 section 4.14.2). Returns rather than throws, so that ending the session is committed.
     */
    public Optional<TokenResponse> refresh(String value, String clientId) {
        var now = clock.instant();
        var token = em.find(RefreshToken.class, RefreshRules.hash(value));
        var session = token == null ? null : em.find(Session.class, token.session());
        var user = session == null ? null : users.find(session.username()).orElse(null);
        var verdict = rules.judge(token, session, clientId, user, now);
        if (verdict == RefreshRules.Verdict.VALID && used(token, now)) {
            return Optional.of(respond(user.username(), user.roles(), session));
        }
        if (verdict == RefreshRules.Verdict.VALID || verdict == RefreshRules.Verdict.REUSED) {
            LOG.warning("A used refresh token was presented again; its session of " + session.username()
                    + " with client " + clientId + " is ended");
            revocations.endSession(session);
        }
        return Optional.empty();
    }

    /** Marks the token used; false if another request used it first. */
    boolean used(RefreshToken token, Instant now) {
        return em.createNamedQuery(RefreshToken.USE).setParameter("now", now).setParameter("hash", token.hash())
                .executeUpdate() == 1;
    }

    TokenResponse respond(String username, Set<String> roles, Session session) {
        var refreshToken = RefreshRules.newValue();
        em.persist(new RefreshToken(RefreshRules.hash(refreshToken), session.id(), clock.instant()));
        var access = issuer.issue(username, roles, session.clientId(), session.scope(), session.id());
        return TokenResponse.bearer(access.value(), access.expiresIn(), refreshToken, session.scope());
    }

    /** Through the container, so that each step runs in a transaction of its own. */
    Tokens self() {
        return context.getBusinessObject(Tokens.class);
    }
}
