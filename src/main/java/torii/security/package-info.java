/**
 * Request security: the one verifier every bearer token passes through, the deny-list of revoked tokens and ended
 * sessions shared by every instance, the authentication filter and the {@code SecurityContext} it installs with the
 * caller's current groups, and the {@code @RolesAllowed}/{@code @PermitAll}/{@code @DenyAll} and scope checks that
 * deny whatever is not declared.
 */
package torii.security;
