package torii.users.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import torii.audit.boundary.AuditEvent;
import torii.errors.boundary.ApiException;
import torii.throttle.boundary.Throttle;
import torii.users.control.HashingPool;
import torii.users.entity.User;

/**
 * The one way a password is checked for a caller: throttled per username and client address, recorded in the audit
 * trail, and run on the hashing pool rather than on a request thread.
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
    HashingPool pool;

    @Inject
    Event<AuditEvent> audit;

    /** Runs work that checks a password on the hashing pool. */
    public <T> CompletionStage<T> offload(Supplier<T> work) {
        return pool.submit(work);
    }

    /**
     * The active user with this username and password, or empty; 429 with {@code Retry-After} while the username or
     * the address is throttled, without checking the password. {@code action} names the attempt in the audit trail.
     */
    public Optional<User> authenticate(String action, String username, String password, String address) {
        if (username.getBytes(StandardCharsets.UTF_8).length > MAX_USERNAME_BYTES) {
            throw new ApiException(400, "invalid_request", "username must be at most " + MAX_USERNAME_BYTES
                    + " bytes long", null);
        }
        var wait = reserve(username, address);
        if (wait > 0) {
            audit.fire(new AuditEvent(action, username, address, AuditEvent.THROTTLED, "retry after " + wait + " s"));
            throw ApiException.retryLater(429, "slow_down",
                    "Too many failed attempts; try again in " + wait + " seconds", wait);
        }
        var user = users.authenticate(username, password);
        if (user.isPresent()) {
            throttle.succeeded(username, address);
            audit.fire(new AuditEvent(action, username, address, AuditEvent.SUCCESS, null));
        } else {
            audit.fire(new AuditEvent(action, username, address, AuditEvent.FAILURE, null));
        }
        return user;
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
