package torii.platform.entity;

/** Fired inside the transaction that deletes a user, so that what belongs to the user goes with it. */
public record UserRemoved(String username) {
}
