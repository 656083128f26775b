/**
 * Signing keys: a configured key or secret, else keys generated and kept in the database where every instance finds
 * them, rotated at their maximum age or on an administrator's request ({@code POST /admin/keys/rotate}); the key ring
 * that signs and verifies; and the JWK Set at {@code /.well-known/jwks.json}.
 */
package torii.keys;
