package torii.users.boundary;

import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.function.Consumer;
import torii.audit.boundary.AuditEvent;
import torii.users.control.PasswordHasher;
import torii.users.control.PasswordPolicy;
import torii.users.entity.User;

/** The user store: authentication by password, lookups by username, and account changes. */
@Stateless
public class Users {

    private static final Logger LOG = Logger.getLogger(Users.class.getName());

    @PersistenceContext
    EntityManager em;

    @Inject
    PasswordHasher hasher;

    @Inject
    PasswordPolicy policy;

    @Inject
    Event<UserChanged> changed;

    @Inject
    Event<AuditEvent> audit;

    @Resource
    SessionContext context;

    /**
     * The active user with this username and password. An unknown user, a wrong password and a disabled user all
     * give empty after the same work, so that neither the answer nor its timing tells them apart; so does a password
     * too long to check, without hashing it. A hash weaker than the current policy is replaced on success.
     */
    // No transaction: a bcrypt check takes a quarter of a second and must not hold one open.
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public Optional<User> authenticate(String username, String password) {
        var user = em.find(User.class, username);
        var normalized = PasswordPolicy.normalize(password);
        if (!PasswordPolicy.checkable(normalized)) {
            hasher.spendTime();
            return Optional.empty();
        }
        var matches = hasher.verify(normalized, user == null ? null : user.passwordHash());
        if (!matches || user.disabled()) {
            return Optional.empty();
        }
        if (hasher.needsRehash(user.passwordHash())) {
            try {
                context.getBusinessObject(Users.class).rehash(username, user.passwordHash(), hasher.hash(normalized));
            } catch (RuntimeException concurrentChange) {
                // Another login or a change got there first; this login succeeds all the same.
                LOG.log(Level.FINE, "Could not rehash a password", concurrentChange);
            }
        }
        return Optional.of(user);
    }

    /** Replaces the hash unless the password changed meanwhile; the password stays the same, so sessions go on. */
    public void rehash(String username, String oldHash, String newHash) {
        var user = em.find(User.class, username);
        if (user != null && user.passwordHash().equals(oldHash)) {
            user.rehash(newHash);
            changed.fire(new UserChanged(username));
        }
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
        audit.fire(new AuditEvent(AuditEvent.USER_CREATE, user.username(), null, AuditEvent.SUCCESS, null));
        return true;
    }

    /** Takes effect on the user's next request. */
    public void disable(String username) {
        change(username, AuditEvent.USER_DISABLE, User::disable);
    }

    public void enable(String username) {
        change(username, AuditEvent.USER_ENABLE, User::enable);
    }

    /**
     * Sets a new password, after the password rules (a 400 naming the field that breaks them); refresh tokens from
     * logins before this moment stop working.
     */
    public void changePassword(String username, String password) {
        var hash = hasher.hash(policy.acceptNew(password, "password"));
        change(username, AuditEvent.PASSWORD_CHANGE, user -> user.changePassword(hash));
    }

    void change(String username, String action, Consumer<User> change) {
        var user = em.find(User.class, username);
        if (user != null) {
            change.accept(user);
            changed.fire(new UserChanged(username));
            audit.fire(new AuditEvent(action, username, null, AuditEvent.SUCCESS, null));
        }
    }
}
