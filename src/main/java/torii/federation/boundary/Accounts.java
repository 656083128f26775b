package torii.federation.boundary;

import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.Config;
import torii.federation.control.AccountNames;
import torii.federation.entity.LinkedAccount;
import torii.federation.entity.UpstreamIdentity;
import torii.platform.control.OpaqueValues;
import torii.platform.entity.UserRemoved;
import torii.users.boundary.Users;
import torii.users.entity.User;

/**
 * The local users of accounts at upstream providers: made just in time at the first sign-in, with no password of their
 * own (an administrator may give them one), then disabled, granted and audited as any other user. At every sign-in
 * their e-mail address, name and roles become what the provider says now, so that leaving a group there takes effect
 * here at the next sign-in.
 */
@Stateless
public class Accounts {

    @PersistenceContext
    EntityManager em;

    @Inject
    Users users;

    @Inject
    Config config;

    Clock clock = Clock.systemUTC();

    /** The local user of the account, as the provider describes it now; made if this is its first sign-in. */
    public User userFor(UpstreamIdentity identity) {
        var roles = AccountNames.roles(identity.groups(), adminGroup(identity.provider()));
        var link = em.find(LinkedAccount.class, LinkedAccount.key(identity.provider(), identity.subject()));
        var linked = link == null ? Optional.<User>empty() : users.find(link.username());
        if (linked.isPresent()) {
            var user = linked.get();
            if (!Objects.equals(user.email(), identity.email()) || !Objects.equals(user.fullName(), identity.name())) {
                users.describe(user.username(), identity.email(), identity.name());
            }
            if (!user.roles().equals(roles)) {
                users.assignRoles(user.username(), roles);
            }
            return users.find(user.username()).orElseThrow();
        }
        if (link != null) {
            em.remove(link);
        }
        var names = AccountNames.candidates(identity.preferredUsername(), identity.email(), identity.provider());
        for (var name : names) {
            var made = make(name, identity, roles);
            if (made.isPresent()) {
                return made.get();
            }
        }
        // Every name it could have is taken: a name nobody chose, which an administrator may change by hand.
        return make(identity.provider() + "-" + OpaqueValues.random(6).toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]", "0"), identity, roles).orElseThrow();
    }

    Optional<User> make(String name, UpstreamIdentity identity, Set<String> roles) {
        var user = new User(name, identity.email(), identity.name(), "", roles);
        if (!users.addIfAbsent(user)) {
            return Optional.empty();
        }
        em.persist(new LinkedAccount(identity.provider(), identity.subject(), name, clock.instant()));
        return Optional.of(user);
    }

    /** torii.federation.ID.admin-group: the provider's group whose members are administrators here; none by default. */
    String adminGroup(String provider) {
        return config.getOptionalValue("torii.federation." + provider + ".admin-group", String.class).orElse(null);
    }

    /** A removed user's link goes with it; the account's next sign-in makes a new user. */
    public void forget(@Observes UserRemoved removed) {
        em.createNamedQuery(LinkedAccount.OF_USER).setParameter("username", removed.username()).executeUpdate();
    }
}
