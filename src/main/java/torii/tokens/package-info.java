/**
 * Access tokens: the token endpoint ({@code POST /token}, the OAuth 2.0 password grant as the FastAPI tutorial takes it),
 * the signing key, issuing, and the one verifier every bearer token passes through.
 */
package torii.tokens;
