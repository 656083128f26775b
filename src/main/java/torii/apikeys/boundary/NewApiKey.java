package torii.apikeys.boundary;

import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;
import java.util.List;

/** A key just made: the only answer that holds its value. */
@JsonbPropertyOrder({"id", "name", "key", "apps", "created_at", "expires_at", "requests_per_minute", "tokens_per_day",
        "tokens_per_month"})
public record NewApiKey(String id, String name, String key, @JsonbNillable List<String> apps, Instant created_at,
        Instant expires_at, Integer requests_per_minute, Long tokens_per_day, Long tokens_per_month) {

    /** Never prints the key. */
    @Override
    public String toString() {
        return "NewApiKey[" + id + ", " + name + "]";
    }
}
