package torii.gateway.boundary;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.LocalDate;
import torii.gateway.entity.UsageCount;

/** A user's requests to one application on one day (UTC), and the tokens the backend reported for them. */
@JsonbPropertyOrder({"username", "app", "day", "requests", "prompt_tokens", "completion_tokens", "total_tokens"})
public record UsageEntry(String username, String app, LocalDate day, long requests, long prompt_tokens,
        long completion_tokens, long total_tokens) {

    static UsageEntry of(UsageCount count) {
        return new UsageEntry(count.username(), count.appId(), count.day(), count.requests(), count.promptTokens(),
                count.completionTokens(), count.promptTokens() + count.completionTokens());
    }
}
