package torii.apps.boundary;

/**
 * Fired inside every transaction that changes an application or a grant, so that what was remembered of who may use
 * what is forgotten once the change commits.
 */
public record AppsChanged() {
}
