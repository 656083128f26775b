/**
 * Federation: signing in with an account at an upstream OpenID Connect provider (a company's Keycloak, Entra ID,
 * Okta...), with this service as a confidential relying party (authorization code, PKCE S256, state and nonce, client
 * secret sent with HTTP Basic). The providers are configured with {@code torii.federation.providers} and
 * {@code torii.federation.<id>.*} ({@link torii.federation.control.Providers}); the bounds of every sign-in with
 * {@code torii.federation.*} ({@link torii.federation.control.FederationSettings}).
 * <ul>
 * <li>FED-1: a sign-in starts with the provider's authorization URL and a cookie that carries it: provider, state,
 * nonce, PKCE verifier, this service's callback and the client's authorization request, signed with the service's
 * signing key (so that any instance checks it), typed, and expiring after {@code torii.federation.cookie-seconds}.</li>
 * <li>FED-2: a callback is taken only with a genuine, unexpired cookie of the same provider and callback, and the same
 * state; a refusal at the provider is {@code DENIED}, not an error of the service.</li>
 * <li>FED-3: the code is exchanged with the verifier; the ID token must be signed with an asymmetric key of the
 * provider's JWK Set, be issued by the configured issuer for this client, be unexpired and carry the nonce.</li>
 * <li>FED-4: the identity is the issuer and subject, with the username, name, email (when not marked unverified) and
 * groups the ID token gives, each within {@code torii.federation.max-claim-length} and at most
 * {@code torii.federation.max-groups} groups.</li>
 * <li>FED-5: every call to a provider is bounded by {@code torii.federation.connect-timeout-ms} and
 * {@code read-timeout-ms}; a provider out of reach is {@code UNREACHABLE}, never a hang.</li>
 * </ul>
 */
package torii.federation;
