package torii.platform.entity;

/** Fired when a signing key is made or retired, so that every instance signs and verifies with the stored keys now. */
public record KeysChanged(String kid) implements ClusterEvent {
}
