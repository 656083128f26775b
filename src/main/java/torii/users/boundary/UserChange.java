package torii.users.boundary;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Size;

/** What an administrator may change of a user's description. */
@JsonbPropertyOrder({"email", "full_name"})
public record UserChange(@Email @Size(max = 254) String email, @Size(max = 255) String full_name) {
}
