/**
 * API keys: long-lived keys that users make for their own scripts, accepted as bearer tokens at /v1 only, each for
 * the user's applications or some of them, stored as hashes, and checked from memory with the same invalidation as
 * users and grants, so that a deleted key, a disabled user or a revoked grant stops the next call.
 */
package torii.apikeys;
