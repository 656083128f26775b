package torii.users.boundary;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import torii.users.entity.User;

/**
 * What a user may see of their own account: never the password hash. Components are named as the JSON fields are
 * (snake_case, as in the FastAPI tutorial), so that JSON-B and the OpenAPI document take the names from one place.
 */
@JsonbPropertyOrder({"username", "email", "full_name", "disabled"})
public record UserInfo(String username, String email, String full_name, boolean disabled) {

    static UserInfo of(User user) {
        return new UserInfo(user.username(), user.email(), user.fullName(), user.disabled());
    }
}
