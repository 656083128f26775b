package torii.security.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.eclipse.microprofile.jwt.JsonWebToken;
import torii.clients.boundary.Clients;
import torii.platform.control.TokenClaims;
import torii.platform.entity.ClientChanged;
import torii.platform.entity.UserChanged;
import torii.users.boundary.Users;

/**
 * Whether the subject of a token (a user, or a client for itself) exists and is active, and the roles it holds now,
 * remembered between requests so that checking the user on every request costs a map lookup. A user is forgotten as
 * soon as a change to it is committed, here and, within a second, on every other instance of a cluster: a disabled user
 * is refused, a role taken away is missing, and tokens from before a new password are dead, from the next request on.
 */
@ApplicationScoped
public class AccountStates {

    /** What a request needs to know of its user. */
    public enum State { ACTIVE, INACTIVE, UNKNOWN }

    /**
     * The user's state, current roles, the stamp the user's tokens must carry, and whether the user must replace a
     * temporary password before anything else.
     */
    public record Account(State state, Set<String> roles, String stamp, boolean passwordChange) {

        static final Account UNKNOWN = new Account(State.UNKNOWN, Set.of(), "", false);
    }

    @Inject
    Users users;

    @Inject
    Clients clients;

    private final ConcurrentMap<String, Account> states = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Account> clientStates = new ConcurrentHashMap<>();

    public Account of(String username) {
        // The load runs under the map's lock for this key, so a change committed meanwhile cannot be overwritten
        // by the state read before it: forget waits for the load, then removes what it stored.
        return states.computeIfAbsent(username, this::load);
    }

    Account load(String username) {
        return users.find(username)
                .map(user -> new Account(user.disabled() ? State.INACTIVE : State.ACTIVE, user.roles(), user.stamp(),
                        user.passwordTemporary()))
                .orElse(Account.UNKNOWN);
    }

    /** The client's state and stamp, remembered and forgotten as a user's are; a client holds no roles. */
    public Account ofClient(String clientId) {
        return clientStates.computeIfAbsent(clientId, this::loadClient);
    }

    /**
     * Whether the token's subject may act now: a user or a client (its own token) that exists, is enabled and has the
     * stamp the token carries, and for a user's token the client it was issued to exists and is enabled.
     */
    public Account of(JsonWebToken token) {
        if (TokenClaims.ofClient(token)) {
            return current(ofClient(token.getSubject()), token);
        }
        var clientId = token.getClaim(TokenClaims.CLIENT_ID);
        if (clientId instanceof String id && ofClient(id).state() != State.ACTIVE) {
            return Account.UNKNOWN;
        }
        return current(of(token.getSubject()), token);
    }

    /** Issued before a new password, a new secret or a disable, or to another of the same name: dead. */
    static Account current(Account account, JsonWebToken token) {
        return account.state() == State.ACTIVE && !account.stamp().equals(TokenClaims.stampOf(token))
                ? Account.UNKNOWN : account;
    }

    Account loadClient(String clientId) {
        return clients.find(clientId)
                .map(client -> new Account(client.disabled() ? State.INACTIVE : State.ACTIVE, Set.of(), client.stamp(),
                        false))
                .orElse(Account.UNKNOWN);
    }

    void forget(@Observes(during = TransactionPhase.AFTER_COMPLETION) UserChanged change) {
        states.remove(change.username());
    }

    void forget(@Observes(during = TransactionPhase.AFTER_COMPLETION) ClientChanged change) {
        clientStates.remove(change.clientId());
    }
}
