package torii.users.boundary;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import torii.errors.boundary.ApiException;
import torii.users.control.PasswordHasher;
import torii.users.entity.User;

/** The user store: authentication by password, lookups by username, and account changes. */
@Stateless
public class Users {

    @PersistenceContext
    EntityManager em;

    @Inject
    PasswordHasher hasher;

    @Inject
    Event<UserChanged> changed;

    @Inject
    Event<UserRemoved> removed;

    /**
     * The active user with this username and password. An unknown user, a wrong password and a disabled user all
     * give empty after the same work, so that neither the answer nor its timing tells them apart.
     */
    // No transaction: a bcrypt check takes a quarter of a second and must not hold one open.
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public Optional<User> authenticate(String username, String password) {
        var user = em.find(User.class, username);
        var matches = hasher.verify(password, user == null ? null : user.passwordHash());
        return matches && !user.disabled() ? Optional.of(user) : Optional.empty();
    }

    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public Optional<User> find(String username) {
        return Optional.ofNullable(em.find(User.class, username));
    }

    /** Adds the user unless one with the same username exists; true if added. */
    public boolean addIfAbsent(User user) {
        if (em.find(User.class, user.username()) != null) {
            return false;
        }
        em.persist(user);
        changed.fire(new UserChanged(user.username()));
        return true;
    }

    /** One page of the users whose username, e-mail or name contains the text, by username. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public List<User> search(String text, int offset, int limit) {
        return em.createNamedQuery(User.SEARCH, User.class).setParameter("q", pattern(text)).setFirstResult(offset)
                .setMaxResults(limit).getResultList();
    }

    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public long count(String text) {
        return em.createNamedQuery(User.COUNT, Long.class).setParameter("q", pattern(text)).getSingleResult();
    }

    public User create(User user) {
        if (!addIfAbsent(user)) {
            throw new ApiException(409, null, "A user with this username exists", null);
        }
        return user;
    }

    public User describe(String username, String email, String fullName) {
        return change(username, user -> user.describe(email, fullName));
    }

    public User assignRoles(String username, Set<String> roles) {
        return keepingAnAdministrator(username, user -> user.assignRoles(roles));
    }

    /** Takes effect on the user's next request. */
    public User disable(String username) {
        return keepingAnAdministrator(username, User::disable);
    }

    /** The user goes, and with it whatever other parts keep for the user (see {@link UserRemoved}). */
    public void delete(String username) {
        var user = keepingAnAdministrator(username, User::disable);
        removed.fire(new UserRemoved(username));
        em.remove(user);
    }

    public User enable(String username) {
        return change(username, User::enable);
    }

    /** Sets a new password; refresh tokens from logins before this moment stop working. */
    public void changePassword(String username, String password) {
        var hash = hasher.hash(password);
        change(username, user -> user.changePassword(hash));
    }

    /** A change that must leave at least one enabled administrator, or none is made. */
    User keepingAnAdministrator(String username, Consumer<User> change) {
        var user = change(username, change);
        if (!user.administers() && administrators().isEmpty()) {
            throw new ApiException(409, null, "The last administrator must stay", null);
        }
        return user;
    }

    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public boolean hasAdministrator() {
        return !administrators().isEmpty();
    }

    /** Enabled administrators, as the pending changes of this transaction leave them. */
    List<User> administrators() {
        // The roles column is a converted set, so the query narrows by text and the check is exact.
        @SuppressWarnings("unchecked")
        List<String> candidates = em.createNativeQuery("SELECT username FROM users WHERE roles LIKE ?1")
                .setParameter(1, "%" + User.ADMIN + "%").getResultList();
        return candidates.stream().map(name -> em.find(User.class, name)).filter(u -> u != null && u.administers())
                .toList();
    }

    User change(String username, Consumer<User> change) {
        var user = em.find(User.class, username);
        if (user == null) {
            throw unknownUser();
        }
        change.accept(user);
        changed.fire(new UserChanged(username));
        return user;
    }

    static ApiException unknownUser() {
        return new ApiException(404, null, "User not found", null);
    }

    static String pattern(String text) {
        var escaped = text == null ? "" : text.toLowerCase(Locale.ROOT).replace("!", "!!").replace("%", "!%")
                .replace("_", "!_");
        return "%" + escaped + "%";
    }
}
