package torii.users.boundary;

import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import torii.platform.control.Refusal.Kind;
import torii.platform.control.Refusal;
import torii.platform.entity.AuditEvent;
import torii.platform.entity.UserChanged;
import torii.platform.entity.UserRemoved;
import torii.users.control.HashingPool;
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
    Event<UserRemoved> removed;

    @Inject
    Event<AuditEvent> audit;

    @Inject
    HashingPool pool;

    @Resource
    SessionContext context;

    @Resource
    ManagedExecutorService executor;

    /**
     * The active user with this username and password. An unknown user, a wrong password and a disabled user all
     * give empty after the same work, so that neither the answer nor its timing tells them apart; so does a password
     * too long to check, without hashing it. A hash weaker than the current policy is replaced on success.
     */
    // No transaction: a bcrypt check takes a quarter of a second and must not hold one open.
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public CompletionStage<Optional<User>> authenticate(String username, String password) {
        var user = em.find(User.class, username);
        var normalized = PasswordPolicy.normalize(password);
        var hash = user == null ? null : user.passwordHash();
        // Taken here, during the call: the container's context of this bean is not to be asked from other threads.
        var self = context.getBusinessObject(Users.class);
        // Only the hashing runs on the pool; what follows it runs on the container's executor.
        return pool.submit(() -> hasher.check(normalized, hash)).thenApplyAsync(check -> {
            if (!check.matches() || user.disabled()) {
                return Optional.<User>empty();
            }
            if (check.rehashed() != null) {
                try {
                    self.rehash(username, hash, check.rehashed());
                } catch (RuntimeException concurrentChange) {
                    // Another login or a change got there first; this login succeeds all the same.
                    LOG.log(Level.FINE, "Could not rehash a password", concurrentChange);
                }
            }
            return Optional.of(user);
        }, executor);
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

    /** A demo account: added if absent, enabled again if a start without demo mode disabled it. */
    public void addDemo(User user) {
        var existing = em.find(User.class, user.username());
        if (existing == null) {
            addIfAbsent(user.markDemo());
        } else if (existing.demo() && existing.disabled() && !user.disabled()) {
            change(user.username(), AuditEvent.USER_ENABLE, User::enable);
        }
    }

    /**
     * Disables the enabled demo accounts: those made by demo mode, and those of a demo username whose password is still
     * the well-known one (made before accounts were marked). The rule that an administrator must stay does not hold
     * here: a demo administrator is no administrator. Returns their usernames.
     */
    public List<String> disableDemoAccounts(Map<String, String> wellKnownPasswords) {
        return wellKnownPasswords.entrySet().stream().sorted(Map.Entry.comparingByKey()).filter(account -> {
            var user = em.find(User.class, account.getKey());
            if (user == null || user.disabled() || !(user.demo() || hasher.verify(account.getValue(),
                    user.passwordHash()))) {
                return false;
            }
            user.markDemo().disable();
            changed.fire(new UserChanged(user.username()));
            audit.fire(new AuditEvent(AuditEvent.USER_DISABLE, user.username(), null, AuditEvent.SUCCESS,
                    "demo account; demo mode is off"));
            return true;
        }).map(Map.Entry::getKey).toList();
    }

    /** One page, by username, of the users whose username, e-mail or name contains the text, with how many match. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public UserPage page(String text, int page, int size) {
        var like = pattern(text);
        var found = em.createNamedQuery(User.SEARCH, User.class).setParameter("q", like).setFirstResult(page * size)
                .setMaxResults(size).getResultList();
        return new UserPage(em.createNamedQuery(User.COUNT, Long.class).setParameter("q", like).getSingleResult(),
                page, size, found.stream().map(UserDetails::of).toList());
    }

    /** A new user whose password keeps the password rules; a temporary one the user must replace first. */
    public User create(User user, String password, boolean temporary) {
        var hash = hasher.hash(policy.acceptNew(password, "password"));
        if (temporary) {
            user.temporaryPassword(hash);
        } else {
            user.changePassword(hash);
        }
        if (!addIfAbsent(user)) {
            throw new Refusal(Kind.CONFLICT, null, "A user with this username exists", null);
        }
        return user;
    }

    public User describe(String username, String email, String fullName) {
        return change(username, AuditEvent.USER_UPDATE, user -> user.describe(email, fullName));
    }

    public User assignRoles(String username, Set<String> roles) {
        return change(username, AuditEvent.ROLES_CHANGE, user -> user.assignRoles(roles));
    }

    /** Takes effect on the user's next request. */
    public User disable(String username) {
        return change(username, AuditEvent.USER_DISABLE, User::disable);
    }

    public User enable(String username) {
        return change(username, AuditEvent.USER_ENABLE, User::enable);
    }

    /** The user goes, and with it whatever other parts keep for the user (see {@link UserRemoved}). */
    public void delete(String username) {
        var user = change(username, AuditEvent.USER_DELETE, User::disable);
        removed.fire(new UserRemoved(username));
        em.remove(user);
    }

    /**
     * Sets a new password, after the password rules (a 400 naming the field that breaks them); refresh tokens from
     * logins before this moment stop working.
     */
    public void changePassword(String username, String password, boolean temporary) {
        var hash = hasher.hash(policy.acceptNew(password, "password"));
        change(username, AuditEvent.PASSWORD_CHANGE, user -> {
            if (temporary) {
                user.temporaryPassword(hash);
            } else {
                user.changePassword(hash);
            }
        });
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

    /**
     * Changes the user and tells the observers (the audit trail records it once committed). A change that would leave
     * no enabled administrator is refused with 409 and rolled back.
     */
    User change(String username, String action, Consumer<User> change) {
        var user = em.find(User.class, username);
        if (user == null) {
            throw unknownUser();
        }
        var administered = user.administers();
        change.accept(user);
        if (administered && !user.administers() && administrators().isEmpty()) {
            throw new Refusal(Kind.CONFLICT, null, "The last administrator must stay", null);
        }
        changed.fire(new UserChanged(username));
        audit.fire(new AuditEvent(action, username, null, AuditEvent.SUCCESS, null));
        return user;
    }

    public static Refusal unknownUser() {
        return new Refusal(Kind.NOT_FOUND, null, "User not found", null);
    }

    static String pattern(String text) {
        var escaped = text == null ? "" : text.toLowerCase(Locale.ROOT).replace("!", "!!").replace("%", "!%")
                .replace("_", "!_");
        return "%" + escaped + "%";
    }
}
