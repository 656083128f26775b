/**
 * Tokens: the token endpoint ({@code POST /token}: the OAuth 2.0 password grant as the FastAPI tutorial takes it, and
 * the refresh-token grant with rotation and reuse detection), the login sessions that refresh tokens belong to,
 * issuing, and the server metadata at {@code /.well-known/oauth-authorization-server}.
 */
package torii.tokens;
