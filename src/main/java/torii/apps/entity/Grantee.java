package torii.apps.entity;

/** Who a grant gives an application to: one user, or every user who holds a role. */
public enum Grantee {
    USER, GROUP
}
