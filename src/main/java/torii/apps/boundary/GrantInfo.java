package torii.apps.boundary;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;
import torii.apps.entity.Grant;
import torii.apps.entity.Grantee;

/** A grant as listed: to a user, a group or a client, since when, and its limits (left out where there is none). */
@JsonbPropertyOrder({"user", "group", "client", "granted_at", "requests_per_minute", "tokens_per_day",
        "tokens_per_month"})
public record GrantInfo(String user, String group, String client, Instant granted_at, Integer requests_per_minute,
        Long tokens_per_day, Long tokens_per_month) {

    static GrantInfo of(Grant grant) {
        var to = grant.kind();
        return new GrantInfo(to == Grantee.USER ? grant.grantee() : null, to == Grantee.GROUP ? grant.grantee() : null,
                to == Grantee.CLIENT ? grant.grantee() : null, grant.grantedAt(), grant.limits().requestsPerMinute(),
                grant.limits().tokensPerDay(), grant.limits().tokensPerMonth());
    }
}
