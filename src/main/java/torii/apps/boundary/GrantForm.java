package torii.apps.boundary;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Size;
import java.util.Objects;
import java.util.stream.Stream;
import torii.apps.entity.Grantee;

/**
 * To whom an application is granted (exactly one of a user, a group and a confidential client), and the limits of its
 * use: requests per minute, tokens per day and per month (UTC), each left out for none.
 * <p>A class, not a record: Payara's OpenAPI scanner fails on constraints of record components.
 */
public class GrantForm extends LimitsForm {

    @Size(min = 1, max = 64)
    public String user;

    @Size(min = 1, max = 64)
    public String group;

    @Size(min = 1, max = 64)
    public String client;

    @AssertTrue(message = "give exactly one of user, group and client")
    public boolean isOneGrantee() {
        return Stream.of(user, group, client).filter(Objects::nonNull).count() == 1;
    }

    Grantee kind() {
        return user != null ? Grantee.USER : group != null ? Grantee.GROUP : Grantee.CLIENT;
    }

    String grantee() {
        return Stream.of(user, group, client).filter(Objects::nonNull).findFirst().orElseThrow();
    }
}
