package torii.security.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import torii.users.boundary.UserChanged;
import torii.users.boundary.Users;

/**
 * Whether the subject of a token exists and is active, and the roles it holds now, remembered between requests so that
 * checking the user on every request costs a map lookup. A user is forgotten as soon as a change to it is committed,
 * here and, within a second, on every other instance of a cluster: a disabled user is refused, a role taken away is
 * missing, and tokens from before a new password are dead, from the next request on.
 */
@ApplicationScoped
public class AccountStates {

    /** What a request needs to know of its user. */
    public enum State { ACTIVE, INACTIVE, UNKNOWN }

    /** The user's state, current roles, and the stamp the user's tokens must carry. */
    public record Account(State state, Set<String> roles, String stamp) {

        static final Account UNKNOWN = new Account(State.UNKNOWN, Set.of(), "");
    }

    @Inject
    Users users;

    private final ConcurrentMap<String, Account> states = new ConcurrentHashMap<>();

    public Account of(String username) {
        // The load runs under the map's lock for this key, so a change committed meanwhile cannot be overwritten
        // by the state read before it: forget waits for the load, then removes what it stored.
        return states.computeIfAbsent(username, this::load);
    }

    Account load(String username) {
        return users.find(username)
                .map(user -> new Account(user.disabled() ? State.INACTIVE : State.ACTIVE, user.roles(), user.stamp()))
                .orElse(Account.UNKNOWN);
    }

    void forget(@Observes(during = TransactionPhase.AFTER_COMPLETION) UserChanged change) {
        states.remove(change.username());
    }
}
