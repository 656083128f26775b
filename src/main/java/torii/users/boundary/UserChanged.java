package torii.users.boundary;

/** Fired whenever a user is added or changed; observers learn of it once the change is committed or rolled back. */
public record UserChanged(String username) {
}
