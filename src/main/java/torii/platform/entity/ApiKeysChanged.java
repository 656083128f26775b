package torii.platform.entity;

/**
 * Fired whenever a user's API keys change (one made or deleted, or all of them with the user); observers learn of it
 * once the change is committed or rolled back, and on the other instances of a cluster once it is committed.
 */
public record ApiKeysChanged(String username) implements ClusterEvent {
}
