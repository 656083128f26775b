package torii.apps.boundary;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;
import torii.apps.entity.Grant;
import torii.apps.entity.Grantee;

/** A grant as listed: to a user, a group or a client, and since when. */
@JsonbPropertyOrder({"user", "group", "client", "granted_at"})
public record GrantInfo(String user, String group, String client, Instant granted_at) {

    static GrantInfo of(Grant grant) {
        var to = grant.kind();
        return new GrantInfo(to == Grantee.USER ? grant.grantee() : null, to == Grantee.GROUP ? grant.grantee() : null,
                to == Grantee.CLIENT ? grant.grantee() : null, grant.grantedAt());
    }
}
