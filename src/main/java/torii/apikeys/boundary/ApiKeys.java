package torii.apikeys.boundary;

import jakarta.ejb.Schedule;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import torii.apikeys.control.ApiKeySettings;
import torii.apikeys.control.KeyValues;
import torii.apikeys.entity.ApiKey;
import torii.apps.boundary.Apps;
import torii.apps.entity.Grantee;
import torii.platform.control.Refusal.Kind;
import torii.platform.control.Refusal;
import torii.platform.entity.ApiKeysChanged;
import torii.platform.entity.AuditEvent;
import torii.platform.entity.UserRemoved;
import torii.users.boundary.Users;

/** Users' API keys: made, listed and deleted by their users and by administrators, and found by their value. */
@Stateless
public class ApiKeys {

    @PersistenceContext
    EntityManager em;

    @Inject
    Apps apps;

    @Inject
    Users users;

    @Inject
    ApiKeySettings settings;

    @Inject
    Event<ApiKeysChanged> changed;

    @Inject
    Event<AuditEvent> audit;

    Clock clock = Clock.systemUTC();

    /**
     * A new key of the user; the applications it names must be the user's now. Its value is in the answer only.
     */
    public NewApiKey create(String username, ApiKeyForm form) {
        var user = users.find(username).orElseThrow(() -> new Refusal(Kind.NOT_FOUND, null, "User not found", null));
        var days = form.expires_in_days == null ? settings.maxDays() : form.expires_in_days;
        if (days > settings.maxDays()) {
            throw Refusal.invalidParam("expires_in_days", "must be at most " + settings.maxDays());
        }
        var named = form.apps == null ? null : List.copyOf(new LinkedHashSet<>(form.apps));
        if (named != null) {
            var usable = apps.usableBy(Grantee.USER, username, user.roles()).stream().map(app -> app.id()).toList();
            var foreign = named.stream().filter(id -> !usable.contains(id)).toList();
            if (!foreign.isEmpty()) {
                throw Refusal.invalidParam("apps", "not granted to you: " + String.join(", ", foreign));
            }
        }
        var held = em.createNamedQuery(ApiKey.COUNT_OF_USER, Long.class).setParameter("user", username)
                .getSingleResult();
        if (held >= settings.maxPerUser()) {
            throw new Refusal(Kind.CONFLICT, null, "You hold " + held + " API keys, the most allowed; delete one first",
                    null);
        }
        var now = clock.instant();
        var value = KeyValues.newKey();
        var limits = form.limits();
        var key = new ApiKey(KeyValues.hash(value), username, form.name, named, now, now.plus(Duration.ofDays(days)),
                limits);
        em.persist(key);
        record(AuditEvent.API_KEY_CREATE, username, key);
        return new NewApiKey(key.id(), key.name(), value, key.apps(), key.createdAt(), key.expiresAt(),
                limits.requestsPerMinute(), limits.tokensPerDay(), limits.tokensPerMonth());
    }

    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public List<ApiKey> of(String username) {
        return em.createNamedQuery(ApiKey.OF_USER, ApiKey.class).setParameter("user", username).getResultList();
    }

    /** Every key, or one user's, by user and age. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public ApiKeyPage page(String username, int page, int size) {
        var total = em.createNamedQuery(ApiKey.COUNT, Long.class).setParameter("user", username).getSingleResult();
        var keys = em.createNamedQuery(ApiKey.PAGE, ApiKey.class).setParameter("user", username)
                .setFirstResult(page * size).setMaxResults(size).getResultList();
        return new ApiKeyPage(total, page, size, keys.stream().map(ApiKeyInfo::of).toList());
    }

    /** The key of this value, if there is one; expired or not. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public Optional<ApiKey> byValue(String value) {
        return em.createNamedQuery(ApiKey.BY_HASH, ApiKey.class).setParameter("hash", KeyValues.hash(value))
                .getResultStream().findFirst();
    }

    /** Deletes a key of the user (null: of anyone, as an administrator does); it stops working at once. */
    public void delete(String username, String id) {
        var key = Optional.ofNullable(id == null ? null : em.find(ApiKey.class, id))
                .filter(found -> username == null || found.username().equals(username))
                .orElseThrow(() -> new Refusal(Kind.NOT_FOUND, null, "API key not found", null));
        em.remove(key);
        record(AuditEvent.API_KEY_DELETE, key.username(), key);
    }

    /** When a key was last used, to the minute at most: a write per call would cost more than the call. */
    public void touch(String id, Instant now) {
        em.createNamedQuery(ApiKey.TOUCH).setParameter("id", id).setParameter("now", now).executeUpdate();
    }

    /** A removed user's keys go with the user, in the same transaction. */
    public void forget(@Observes UserRemoved removed) {
        em.createNamedQuery(ApiKey.DELETE_OF_USER).setParameter("user", removed.username()).executeUpdate();
        changed.fire(new ApiKeysChanged(removed.username()));
    }

    /** Expired keys are refused anyway; they go within the hour, and free their places. */
    @Schedule(hour = "*", minute = "41", persistent = false)
    void deleteExpired() {
        if (em.createNamedQuery(ApiKey.DELETE_EXPIRED).setParameter("before", clock.instant()).executeUpdate() > 0) {
            changed.fire(new ApiKeysChanged(null));
        }
    }

    void record(String action, String username, ApiKey key) {
        changed.fire(new ApiKeysChanged(username));
        audit.fire(new AuditEvent(action, username, null, AuditEvent.SUCCESS, "API key " + key.id()));
    }
}
