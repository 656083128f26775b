/**
 * Signing in at the login page: the authorization endpoint of the code flow with PKCE (RFC 6749 section 4.1, RFC
 * 7636), the browser's login session and its cookie, OpenID Connect's UserInfo and RP-initiated logout. The codes and
 * the tokens they are exchanged for are the tokens capability's.
 */
package torii.signin;
