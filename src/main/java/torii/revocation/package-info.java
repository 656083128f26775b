/**
 * Revocation and introspection: {@code POST /revoke} ends a refresh token's session or denies an access token (RFC
 * 7009), and {@code POST /introspect} tells confidential clients and administrators whether a token is active (RFC
 * 7662).
 */
package torii.revocation;
