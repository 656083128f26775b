package torii.users.boundary;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Set;

/**
 * The whole set of roles a user holds from now on.
 * <p>A class, not a record: Payara's OpenAPI scanner fails on constraints of record components.
 */
public class RoleAssignment {

    @NotNull @Size(max = 32)
    public Set<@NotNull @Pattern(regexp = NewUser.ROLE, message = NewUser.ROLE_RULE) String> roles;
}
