package torii.apps.boundary;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;
import torii.apps.entity.Grant;
import torii.apps.entity.Grantee;

/** A grant as listed: to a user or to a group, and since when. */
@JsonbPropertyOrder({"user", "group", "granted_at"})
public record GrantInfo(String user, String group, Instant granted_at) {

    static GrantInfo of(Grant grant) {
        var toUser = grant.kind() == Grantee.USER;
        return new GrantInfo(toUser ? grant.grantee() : null, toUser ? null : grant.grantee(), grant.grantedAt());
    }
}
