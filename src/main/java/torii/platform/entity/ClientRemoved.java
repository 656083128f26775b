package torii.platform.entity;

/** Fired inside the transaction that deletes a client, so that what refers to it goes in the same transaction. */
public record ClientRemoved(String clientId) {
}
