package torii.apikeys.boundary;

import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;
import java.util.List;
import torii.apikeys.entity.ApiKey;

/**
 * A key as listed, never with its value: whose it is, what for, and when it was made, expires and was last used
 * (to the minute). {@code apps} is null (written out) for a key that follows the user's applications.
 */
@JsonbPropertyOrder({"id", "name", "username", "apps", "created_at", "expires_at", "last_used_at"})
public record ApiKeyInfo(String id, String name, String username, @JsonbNillable List<String> apps,
        Instant created_at, Instant expires_at, @JsonbNillable Instant last_used_at) {

    static ApiKeyInfo of(ApiKey key) {
        return new ApiKeyInfo(key.id(), key.name(), key.username(), key.apps(), key.createdAt(), key.expiresAt(),
                key.lastUsedAt());
    }
}
