package torii.platform.entity;

/**
 * Fired whenever a user is added or changed; observers learn of it once the change is committed or rolled back, and
 * on the other instances of a cluster once it is committed.
 */
public record UserChanged(String username) implements ClusterEvent {
}
