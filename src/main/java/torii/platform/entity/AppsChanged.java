package torii.platform.entity;

/**
 * Fired inside every transaction that changes an application or a grant, so that what was remembered of who may use
 * what is forgotten once the change commits, on every instance of a cluster.
 */
public record AppsChanged() implements ClusterEvent {
}
