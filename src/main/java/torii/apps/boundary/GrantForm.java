package torii.apps.boundary;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.Objects;
import java.util.stream.Stream;
import torii.apps.entity.Grantee;
import torii.apps.entity.Limits;

/**
 * To whom an application is granted (exactly one of a user, a group and a confidential client), and the limits of its
 * use: requests per minute, tokens per day and per month (UTC), each left out for none.
 * <p>A class, not a record: Payara's OpenAPI scanner fails on constraints of record components.
 */
public class GrantForm {

    @Size(min = 1, max = 64)
    public String user;

    @Size(min = 1, max = 64)
    public String group;

    @Size(min = 1, max = 64)
    public String client;

    @Positive
    public Integer requests_per_minute;

    @Positive
    public Long tokens_per_day;

    @Positive
    public Long tokens_per_month;

    @AssertTrue(message = "give exactly one of user, group and client")
    public boolean isOneGrantee() {
        return Stream.of(user, group, client).filter(Objects::nonNull).count() == 1;
    }

    Grantee kind() {
        return user != null ? Grantee.USER : group != null ? Grantee.GROUP : Grantee.CLIENT;
    }

    Limits limits() {
        return new Limits(requests_per_minute, tokens_per_day, tokens_per_month);
    }

    String grantee() {
        return Stream.of(user, group, client).filter(Objects::nonNull).findFirst().orElseThrow();
    }
}
