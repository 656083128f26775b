package torii.users.boundary;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;
import torii.users.entity.User;

/** A user as an administrator reads it: never the password hash. */
@JsonbPropertyOrder({"username", "email", "full_name", "disabled", "roles", "password_change_required"})
public record UserDetails(String username, String email, String full_name, boolean disabled, List<String> roles,
        boolean password_change_required) {

    static UserDetails of(User user) {
        return new UserDetails(user.username(), user.email(), user.fullName(), user.disabled(),
                user.roles().stream().sorted().toList(), user.passwordTemporary());
    }
}
