package torii.users.boundary;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Optional;
import java.util.function.Consumer;
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

    /** Takes effect on the user's next request. */
    public void disable(String username) {
        change(username, User::disable);
    }

    public void enable(String username) {
        change(username, User::enable);
    }

    /** Sets a new password; refresh tokens from logins before this moment stop working. */
    public void changePassword(String username, String password) {
        var hash = hasher.hash(password);
        change(username, user -> user.changePassword(hash));
    }

    void change(String username, Consumer<User> change) {
        var user = em.find(User.class, username);
        if (user != null) {
            change.accept(user);
            changed.fire(new UserChanged(username));
        }
    }
}
