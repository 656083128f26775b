package torii.platform.entity;

/**
 * Fired whenever a client is added, changed or removed; observers learn of it once the change is committed or rolled
 * back, and on the other instances of a cluster once it is committed.
 */
public record ClientChanged(String clientId) implements ClusterEvent {
}
