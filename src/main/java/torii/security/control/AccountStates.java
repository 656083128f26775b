package torii.security.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import torii.users.boundary.UserChanged;
import torii.users.boundary.Users;

/**
 * Whether the subject of a token exists and is active, remembered between requests so that checking the user on every
 * request costs a map lookup. A user is forgotten as soon as a change to it is committed, so a disabled user is
 * refused from the next request on.
 */
@ApplicationScoped
public class AccountStates {

    /** What a request needs to know of its user. */
    public enum State { ACTIVE, INACTIVE, UNKNOWN }

    @Inject
    Users users;

    private final ConcurrentMap<String, State> states = new ConcurrentHashMap<>();

    public State of(String username) {
        // The load runs under the map's lock for this key, so a change committed meanwhile cannot be overwritten
        // by the state read before it: forget waits for the load, then removes what it stored.
        return states.computeIfAbsent(username, this::load);
    }

    State load(String username) {
        return users.find(username).map(user -> user.disabled() ? State.INACTIVE : State.ACTIVE).orElse(State.UNKNOWN);
    }

    void forget(@Observes(during = TransactionPhase.AFTER_COMPLETION) UserChanged change) {
        states.remove(change.username());
    }
}
