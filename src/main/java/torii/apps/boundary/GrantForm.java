package torii.apps.boundary;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Size;
import torii.apps.entity.Grantee;

/**
 * To whom an application is granted: exactly one of a user and a group.
 * <p>A class, not a record: Payara's OpenAPI scanner fails on constraints of record components.
 */
public class GrantForm {

    @Size(min = 1, max = 64)
    public String user;

    @Size(min = 1, max = 64)
    public String group;

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
