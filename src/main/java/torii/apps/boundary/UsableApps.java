package torii.apps.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import torii.apps.entity.App;
import torii.apps.entity.Grantee;
import torii.platform.control.TokenClaims;
import torii.platform.entity.AppsChanged;

/**
 * Whether a user or a client may use an application now, directly or through a group, and within which limits:
 * {@link Apps#usable} asked once, and what it found usable remembered, so that a call through the gateway costs a map lookup instead of a query.
 * Everything is forgotten as soon as any change to applications or grants commits, so a revoked grant refuses the next
 * request. Only what was found usable is kept: a refusal is read again each time, so that made-up application names
 * cannot fill the memory.
 */
@ApplicationScoped
public class UsableApps {

    /**
     * Far above users times applications in use at once by default; reaching it only costs queries until the next
     * change. 0 remembers nothing.
     */
    @Inject
    @ConfigProperty(name = "torii.gateway.access-cache-size", defaultValue = "100000")
    int maxEntries;

    record Key(Grantee kind, String name, Set<String> groups, String appId) {
    }

    private final ConcurrentMap<Key, Access> usable = new ConcurrentHashMap<>();
    /** Counts the changes, so that a query that began before one is not remembered after it. */
    private final AtomicLong changes = new AtomicLong();

    @Inject
    Apps apps;

    public UsableApps() {
    }

    UsableApps(int maxEntries) {
        this.maxEntries = maxEntries;
        check();
    }

    @PostConstruct
    void check() {
        if (maxEntries < 0) {
            throw new IllegalStateException("torii.gateway.access-cache-size must be 0 or more, was " + maxEntries);
        }
    }

    /** Created at start, so that a wrong setting stops the deployment instead of failing the first request. */
    void atStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
        // Observing the event is enough: it makes the container create this bean now.
    }

    /** Whom a token speaks for, as grants name it: a user, or a client for itself. */
    public static Grantee kindOf(JsonWebToken caller) {
        return TokenClaims.ofClient(caller) ? Grantee.CLIENT : Grantee.USER;
    }

    /** Whether the caller may use the application now, directly or through one of its groups, and within what. */
    public Optional<Access> of(JsonWebToken caller, String appId) {
        return of(kindOf(caller), caller.getName(), caller.getGroups(), appId);
    }

    /** Whether the caller, a user or a client by name, may use the application now. */
    public Optional<Access> of(Grantee kind, String name, Set<String> groups, String appId) {
        return of(new Key(kind, name, Set.copyOf(groups), appId), () -> apps.usable(kind, name, groups, appId));
    }

    Optional<Access> of(Key key, Supplier<Optional<Access>> query) {
        var known = usable.get(key);
        if (known != null) {
            return Optional.of(known);
        }
        var seen = changes.get();
        var found = query.get();
        if (found.isPresent() && usable.size() < maxEntries) {
            usable.put(key, found.get());
            // A change counted since the query began may not have been seen by it; forget then, as the change did.
            if (changes.get() != seen) {
                usable.remove(key);
            }
        }
        return found;
    }

    void forget(@Observes(during = TransactionPhase.AFTER_COMPLETION) AppsChanged change) {
        forgetAll();
    }

    void forgetAll() {
        changes.incrementAndGet();
        usable.clear();
    }
}
