/**
 * Tokens: the token endpoint ({@code POST /token}: the OAuth 2.0 password grant as the FastAPI tutorial takes it, and
 * the refresh-token grant with rotation and reuse detection), revocation ({@code POST /revoke}) and introspection
 * ({@code POST /introspect}), the signing keys with their rotation, the JWK Set and server metadata under
 * {@code /.well-known}, issuing, the shared deny-list, and the one verifier every bearer token passes through.
 */
package torii.tokens;
