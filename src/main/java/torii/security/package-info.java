/**
 * Request security: the bearer-token authentication filter, the {@code SecurityContext} it installs, the
 * {@code @RolesAllowed}/{@code @PermitAll}/{@code @DenyAll} check that denies whatever is not declared, and the
 * headers every response carries.
 */
package torii.security;
