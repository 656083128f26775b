package torii.apps.entity;

/** Who a grant gives an application to: one user, every user who holds a role, or one client for itself. */
public enum Grantee {
    USER, GROUP, CLIENT
}
