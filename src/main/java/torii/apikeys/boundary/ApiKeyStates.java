package torii.apikeys.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import torii.apikeys.control.ApiKeySettings;
import torii.apikeys.control.KeyCaller;
import torii.apikeys.control.KeyValues;
import torii.apps.boundary.Apps;
import torii.apps.entity.App;
import torii.apps.entity.Grantee;
import torii.platform.control.Scope;
import torii.platform.entity.ApiKeysChanged;
import torii.platform.entity.AppsChanged;
import torii.platform.entity.UserChanged;
import torii.users.boundary.Users;

/**
 * Checks API keys: a key is found by the hash of its value once, and what it stands for (its user, roles and the
 * scope of its applications) is remembered, so that a call with a key costs a hash and a map lookup, as a call with a
 * JWT costs a signature check. What is remembered is forgotten as soon as a change to the user's keys, to the user, or
 * to any application or grant commits, here and on the other instances; made-up keys are never remembered, so they
 * cannot fill the memory. Whether the user is still active, and may still use the application called, is asked on
 * each request as for any token.
 */
@ApplicationScoped
public class ApiKeyStates {

    /** When a key's last use is written, at most. */
    static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

    record Known(KeyCaller caller, Instant expiresAt, AtomicReference<Instant> touched) {
    }

    @Inject
    ApiKeys keys;

    @Inject
    Users users;

    @Inject
    Apps apps;

    @Inject
    ApiKeySettings settings;

    Clock clock = Clock.systemUTC();

    private final ConcurrentMap<String, Known> known = new ConcurrentHashMap<>();
    /** Counts the changes, so that a lookup that began before one is not remembered after it. */
    private final AtomicLong changes = new AtomicLong();

    /** The caller a key stands for, if it is a key of a user that exists and it has not expired. */
    public Optional<KeyCaller> verify(String value) {
        if (!KeyValues.wellFormed(value)) {
            return Optional.empty();
        }
        var hash = KeyValues.hash(value);
        var found = known.get(hash);
        if (found == null) {
            var seen = changes.get();
            found = load(value).orElse(null);
            if (found == null) {
                return Optional.empty();
            }
            if (known.size() < settings.cacheSize()) {
                known.put(hash, found);
                if (changes.get() != seen) {
                    known.remove(hash);
                }
            }
        }
        var now = clock.instant();
        if (!now.isBefore(found.expiresAt())) {
            return Optional.empty();
        }
        var last = found.touched().get();
        if ((last == null || !now.isBefore(last.plus(TOUCH_EVERY))) && found.touched().compareAndSet(last, now)) {
            keys.touch(found.caller().keyId(), now);
        }
        return Optional.of(found.caller());
    }

    Optional<Known> load(String value) {
        return keys.byValue(value).flatMap(key -> users.find(key.username()).map(user -> {
            // A key naming no application follows the user's: those the user may use now.
            var named = key.apps() != null ? key.apps()
                    : apps.usableBy(Grantee.USER, user.username(), user.roles()).stream().map(App::id).toList();
            var scope = String.join(" ", named.stream().map(Scope::app).sorted().toList());
            var caller = new KeyCaller(key.id(), user.username(), user.roles(), scope,
                    key.expiresAt().getEpochSecond(), key.limits());
            return new Known(caller, key.expiresAt(), new AtomicReference<>(key.lastUsedAt()));
        }));
    }

    void forget(@Observes(during = TransactionPhase.AFTER_COMPLETION) ApiKeysChanged change) {
        forgetKeysOf(change.username());
    }

    void forget(@Observes(during = TransactionPhase.AFTER_COMPLETION) UserChanged change) {
        forgetKeysOf(change.username());
    }

    void forget(@Observes(during = TransactionPhase.AFTER_COMPLETION) AppsChanged change) {
        forgetKeysOf(null);
    }

    /** The keys of the user, or all of them (null). */
    void forgetKeysOf(String username) {
        changes.incrementAndGet();
        if (username == null) {
            known.clear();
        } else {
            known.values().removeIf(entry -> entry.caller().username().equals(username));
        }
    }
}
