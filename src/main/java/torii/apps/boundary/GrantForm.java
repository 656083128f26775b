package torii.apps.boundary;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Size;
import torii.apps.entity.Grantee;

/** To whom an application is granted: exactly one of a user and a group. */
@JsonbPropertyOrder({"user", "group"})
public record GrantForm(@Size(min = 1, max = 64) String user, @Size(min = 1, max = 64) String group) {

    @AssertTrue(message = "give exactly one of user and group")
    public boolean isOneGrantee() {
        return (user == null) != (group == null);
    }

    Grantee kind() {
        return user != null ? Grantee.USER : Grantee.GROUP;
    }

    String grantee() {
        return user != null ? user : group;
    }
}
