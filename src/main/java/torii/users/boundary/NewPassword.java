package torii.users.boundary;

import jakarta.validation.constraints.NotNull;

/**
 * A password an administrator sets for a user.
 * <p>A class, not a record: Payara's OpenAPI scanner fails on constraints of record components.
 */
public class NewPassword {

    @NotNull
    public String password;

    /** The user must replace it before anything else, as with a new user's first password; false if left out. */
    public Boolean temporary;
}
