package torii.security.boundary;

import jakarta.ejb.Schedule;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import torii.security.control.DenyList;
import torii.security.entity.RevokedToken;

/**
 * The shared deny-list of access tokens (by {@code jti}) and login sessions (by {@code sid}): written to the database,
 * where every instance reads it every second into its own {@link DenyList}, and deleted once what it denies has
 * expired.
 */
@Stateless
public class Denials {

    /** Rows revoked this long before the last look are read again, for commits that were slower than the clock. */
    static final Duration OVERLAP = Duration.ofSeconds(10);

    @PersistenceContext
    EntityManager em;

    @Inject
    DenyList denied;

    Clock clock = Clock.systemUTC();

    /** Denies the token or session id until the moment the last token it could deny expires. */
    public void deny(String id, Instant until) {
        if (em.find(RevokedToken.class, id) == null) {
            em.persist(new RevokedToken(id, clock.instant(), until));
        }
        denied.add(id, until);
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

    /** Entries past the tokens they deny. */
    @Schedule(hour = "*", minute = "*", persistent = false)
    void deleteExpired() {
        deleteExpired(clock.instant());
    }

    public void deleteExpired(Instant now) {
        em.createNamedQuery(RevokedToken.EXPIRED).setParameter("now", now).executeUpdate();
    }
}
