package torii.users.boundary;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Objects;
import java.util.Set;
import torii.users.entity.User;

/**
 * A user as an administrator creates it.
 * <p>A class, not a record: Payara's OpenAPI scanner fails on constraints of record components.
 */
public class NewUser {

    @NotNull @Pattern(regexp = USERNAME, message = USERNAME_RULE)
    public String username;

    @NotNull
    public String password;

    @Email @Size(max = 254)
    public String email;

    @Size(max = 255)
    public String full_name;

    @Size(max = 32)
    public Set<@NotNull @Pattern(regexp = ROLE, message = ROLE_RULE) String> roles;

    public Boolean disabled;

    /** The password is a first one that the user must replace before anything else; false if left out. */
    public Boolean password_temporary;

    static final String USERNAME = "[A-Za-z0-9][A-Za-z0-9._@-]{0,63}";
    static final String USERNAME_RULE = "must be 1 to 64 letters, digits, '.', '_', '@' or '-', starting with a letter"
            + " or digit";
    static final String ROLE = "[a-z][a-z0-9_-]{0,31}";
    static final String ROLE_RULE = "must be 1 to 32 lowercase letters, digits, '_' or '-', starting with a letter";

    /** The user without a password yet: {@link Users#create} sets it after the password rules. */
    User user() {
        var user = new User(username, email, full_name, "", Objects.requireNonNullElse(roles, Set.of("user")));
        return Boolean.TRUE.equals(disabled) ? user.disable() : user;
    }
}
