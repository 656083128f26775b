package torii.apikeys.boundary;

import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;
import java.util.List;
import torii.apikeys.entity.ApiKey;

/**
 * A key as listed, never with its value: whose it is, what for, and when it was made, expires and was last used
 * (to the minute), and its own limits where it has them. {@code apps} is null (written out) for a key that follows the
 * user's applications.
 */
@JsonbPropertyOrder({"id", "name", "username", "apps", "created_at", "expires_at", "last_used_at",
        "requests_per_minute", "tokens_per_day", "tokens_per_month"})
public record ApiKeyInfo(String id, String name, String username, @JsonbNillable List<String> apps,
        Instant created_at, Instant expires_at, @JsonbNillable Instant last_used_at, Integer requests_per_minute,
        Long tokens_per_day, Long tokens_per_month) {

    static ApiKeyInfo of(ApiKey key) {
        var limits = key.limits();
        return new ApiKeyInfo(key.id(), key.name(), key.username(), key.apps(), key.createdAt(), key.expiresAt(),
                key.lastUsedAt(), limits.requestsPerMinute(), limits.tokensPerDay(), limits.tokensPerMonth());
    }
}
