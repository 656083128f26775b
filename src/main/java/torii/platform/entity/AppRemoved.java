package torii.platform.entity;

/** Fired inside the transaction that deletes an application, so that what belongs to it goes with it. */
public record AppRemoved(String appId) {
}
