package torii.users.boundary;

import jakarta.validation.constraints.NotNull;

/** A password an administrator sets for a user. */
public record NewPassword(@NotNull String password) {
}
