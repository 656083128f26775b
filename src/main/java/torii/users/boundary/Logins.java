package torii.users.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.logging.Level;
import java.util.logging.Logger;
import torii.platform.control.Refusal.Kind;
import torii.platform.control.Refusal;
import torii.platform.entity.AuditEvent;
import torii.throttle.boundary.Throttle;
import torii.users.control.HashingPool;
import torii.users.control.PasswordPolicy;
import torii.users.entity.User;

/**
 * The one way a password is checked for a caller: throttled per username and client address, recorded in the audit
 * trail, its hashing run on the hashing pool rather than on a request thread.
 */
@ApplicationScoped
public class Logins {

    private static final Logger LOG = Logger.getLogger(Logins.class.getName());
    /** No username is this long; longer ones are refused before they reach the database. */
    public static final int MAX_USERNAME_BYTES = 1024;

    @Inject
    Users users;

    @Inject
    Throttle throttle;

    @Inject
    PasswordPolicy policy;

    @Inject
    Event<AuditEvent> audit;

    /**
     * The active user with this username and password, or empty; 429 with {@code Retry-After} while the username or
     * the address is throttled, without checking the password. {@code action} names the attempt in the audit trail.
     */
    public CompletionStage<Optional<User>> authenticate(String action, String username, String password,
            String address) {
        if (username.getBytes(StandardCharsets.UTF_8).length > MAX_USERNAME_BYTES) {
            throw new Refusal(Kind.INVALID, "invalid_request", "username must be at most " + MAX_USERNAME_BYTES
                    + " bytes long", null);
        }
        var wait = reserve(username, address);
        if (wait > 0) {
            audit.fire(new AuditEvent(action, username, address, AuditEvent.THROTTLED, "retry after " + wait + " s"));
            throw Refusal.retryLater(Kind.THROTTLED, "slow_down",
                    "Too many failed attempts; try again in " + wait + " seconds", wait);
        }
        return users.authenticate(username, password).handle((user, failure) -> {
            if (failure != null) {
                // Refused before its password was checked (the pool was full): it is not a failure to count.
                throttle.cancel(username, address);
                throw failure instanceof CompletionException wrapped ? wrapped : new CompletionException(failure);
            }
            if (user.isPresent()) {
                throttle.succeeded(username, address);
                audit.fire(new AuditEvent(action, username, address, AuditEvent.SUCCESS, null));
            } else {
                audit.fire(new AuditEvent(action, username, address, AuditEvent.FAILURE, null));
            }
            return user;
        });
    }

    /**
     * Changes the caller's own password once the current one is checked as a login is, throttled; a wrong one is
     * refused like a failed login.
     */
    public CompletionStage<Void> changeOwnPassword(String username, String current, String newPassword,
            String address) {
        var accepted = policy.acceptNew(newPassword, "new_password");
        return authenticate(AuditEvent.PASSWORD_CHANGE, username, current, address).thenAccept(user -> {
            var known = user.orElseThrow(() -> new Refusal(Kind.INVALID, "invalid_grant", "Incorrect password", null));
            if (known.passwordTemporary() && current.equals(newPassword)) {
                throw Refusal.invalidParam("new_password", "must differ from the password an administrator set");
            }
            users.changePassword(username, accepted, false);
        });
    }

    /**
     * Replaces a temporary password, already checked, with the user's own choice at their first login; the user as
     * they are now.
     */
    public User replaceTemporary(String username, String current, String newPassword) {
        var accepted = policy.acceptNew(newPassword, "new_password");
        if (current.equals(newPassword)) {
            throw Refusal.invalidParam("new_password", "must differ from the password an administrator set");
        }
        users.changePassword(username, accepted, false);
        return users.find(username).orElseThrow(Users::unknownUser);
    }

    /**
     * The failure is counted before the password is checked ({@link Throttle#reserve}). Two instances may create the
     * same counter at once; the loser tries again against the winner's row.
     */
    long reserve(String username, String address) {
        for (int attempt = 1; ; attempt++) {
            try {
                return throttle.reserve(username, address);
            } catch (RuntimeException conflict) {
                if (attempt == 3) {
                    LOG.log(Level.WARNING, "Could not count a login attempt", conflict);
                    throw HashingPool.busy();
                }
            }
        }
    }
}
