package torii.users.boundary;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Size;

/**
 * What an administrator may change of a user's description.
 * <p>A class, not a record: Payara's OpenAPI scanner fails on constraints of record components.
 */
public class UserChange {

    @Email @Size(max = 254)
    public String email;

    @Size(max = 255)
    public String full_name;
}
