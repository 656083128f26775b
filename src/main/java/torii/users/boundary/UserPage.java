package torii.users.boundary;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;

/** One page of a user search, with the number of users that match in all. */
@JsonbPropertyOrder({"total", "page", "size", "users"})
public record UserPage(long total, int page, int size, List<UserDetails> users) {
}
