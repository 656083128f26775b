package torii.tokens.boundary;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import torii.tokens.control.CodeRules;
import torii.tokens.control.RefreshRules;
import torii.tokens.entity.AuthorizationCode;
import torii.tokens.entity.Session;

/** Issues authorization codes to browsers that have logged in; {@link Tokens#redeem} takes them back. */
@Stateless
public class Codes {

    /** A code is kept this long past its end, so that a late second redemption still ends what the first started. */
    static final Duration KEPT_AFTER_EXPIRY = Duration.ofMinutes(10);

    @PersistenceContext
    EntityManager em;

    @Inject
    CodeRules rules;

    Clock clock = Clock.systemUTC();

    /**
     * A new code for the client, bound to the redirect URI, the PKCE challenge, the scope and the nonce, from the
     * browser's login; empty while that login holds as many unredeemed codes as it may.
     */
    public Optional<String> issue(Session login, String clientId, String redirectUri, String challenge, String scope,
            String nonce) {
        return issue(login, clientId, redirectUri, challenge, scope, nonce, clock.instant());
    }

    /** What {@link #issue} does, as of the given moment. */
    public Optional<String> issue(Session login, String clientId, String redirectUri, String challenge, String scope,
            String nonce, Instant now) {
        var pending = em.createNamedQuery(AuthorizationCode.PENDING_OF_LOGIN, Long.class)
                .setParameter("login", login.id()).setParameter("now", now).getSingleResult();
        if (pending >= rules.maxPending()) {
            return Optional.empty();
        }
        var value = RefreshRules.newValue();
        em.persist(new AuthorizationCode(RefreshRules.hash(value), clientId, redirectUri, challenge, login.username(),
                scope, nonce, login.id(), now.plus(rules.lifetime())));
        return Optional.of(value);
    }
}
