package torii.signin.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.Prompt;
import com.nimbusds.openid.connect.sdk.UserInfoRequest;
import com.nimbusds.openid.connect.sdk.UserInfoResponse;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.AccessTokenValidator;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import torii.testing.BlackBox;
import torii.testing.CodeFlow;

/**
 * The authorization code flow with PKCE and OpenID Connect as a certified relying-party library drives it: discovery,
 * the login page's post, the code, the ID token validated, userinfo, refresh, single sign-on into a second client,
 * prompt=none, logout, and every way a request or a code can be wrong.
 */
class AuthorizationCodeIT extends BlackBox {

    static final String PASSWORD = "correct horse";

    String admin;
    String name;
    CodeFlow first;
    CodeFlow second;

    @BeforeEach
    void createUserAndClients() {
        admin = api.login("admin", "secretadmin");
        name = "sso" + UUID.randomUUID().toString().substring(0, 8);
        var made = api.json("POST", "admin/users", admin, "{\"username\":\"" + name + "\",\"password\":\"" + PASSWORD
                + "\",\"email\":\"" + name + "@example.com\",\"full_name\":\"Hanako Yamada\",\"roles\":[\"team\"]}");
        assertEquals(201, made.status(), made.body());
        first = new CodeFlow(api, client("https://rp.example/callback", "public"), "https://rp.example/callback",
                null);
        var secret = api.json("POST", "admin/clients", admin, "{\"client_id\":\"rp" + suffix()
                + "\",\"redirect_uris\":[\"http://127.0.0.1:9/cb?tenant=a\"]}").json();
        second = new CodeFlow(api, secret.getString("client_id"), "http://127.0.0.1:9/cb?tenant=a",
                secret.getString("client_secret"));
    }

    static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    String client(String redirectUri, String type) {
        var reply = api.json("POST", "admin/clients", admin, "{\"client_id\":\"rp" + suffix() + "\",\"type\":\"" + type
                + "\",\"redirect_uris\":[\"" + redirectUri + "\"]}");
        assertEquals(201, reply.status(), reply.body());
        return reply.json().getString("client_id");
    }

    OIDCProviderMetadata discovery() throws Exception {
        var reply = api.get(".well-known/openid-configuration");
        assertEquals(200, reply.status(), reply.body());
        return OIDCProviderMetadata.parse(reply.body());
    }

    OIDCTokenResponse tokens(com.nimbusds.oauth2.sdk.http.HTTPResponse http) throws Exception {
        TokenResponse parsed = OIDCTokenResponseParser.parse(http);
        assertTrue(parsed.indicatesSuccess(), http.getBody());
        return (OIDCTokenResponse) parsed.toSuccessResponse();
    }

    String errorOf(com.nimbusds.oauth2.sdk.http.HTTPResponse http) throws Exception {
        assertEquals(400, http.getStatusCode(), http.getBody());
        return TokenErrorResponse.parse(http).getErrorObject().getCode();
    }

    @Test
    void discoveryNamesTheEndpointsAndWhatTheySupport() throws Exception {
        var metadata = discovery();
        assertEquals(URI.create(metadata.getIssuer().getValue() + "/authorize"), metadata.getAuthorizationEndpointURI());
        assertEquals(List.of("S256"), metadata.getCodeChallengeMethods().stream().map(Object::toString).toList());
        assertTrue(metadata.getScopes().contains("openid"));
        assertTrue(metadata.supportsAuthorizationResponseIssuerParam());
        assertNotNull(metadata.getUserInfoEndpointURI());
        assertNotNull(metadata.getEndSessionEndpointURI());
        assertEquals(api.get(".well-known/oauth-authorization-server").json(),
                api.get(".well-known/openid-configuration").json());
    }

    @Test
    void theWholeFlowGivesValidatedTokensUserInfoAndRefresh() throws Exception {
        var metadata = discovery();
        var page = first.visit(first.authorizationUri("openid profile email me"));
        assertEquals(200, page.status(), page.body());
        assertTrue(page.header("Content-Type").startsWith("text/html"));
        assertTrue(page.header("Content-Security-Policy").contains("script-src 'self'"));
        var reply = first.logIn(first.authorizationUri("openid profile email me"), name, PASSWORD, null);
        assertEquals(200, reply.status(), reply.body());
        var response = CodeFlow.success(reply.json().getString("redirect_to"));
        assertEquals(first.state, response.getState());
        assertEquals(metadata.getIssuer(), response.getIssuer(), "RFC 9207");
        assertTrue(reply.header("Set-Cookie").contains("HttpOnly"));
        assertTrue(reply.header("Set-Cookie").contains("SameSite=Lax"));

        var tokens = tokens(first.redeem(response.getAuthorizationCode())).getOIDCTokens();
        var validator = new IDTokenValidator(metadata.getIssuer(), first.client, JWSAlgorithm.RS256,
                api.uri(".well-known/jwks.json").toURL());
        var claims = validator.validate(tokens.getIDToken(), first.nonce);
        assertEquals(name, claims.getSubject().getValue());
        assertEquals("Hanako Yamada", claims.getStringClaim("name"));
        assertEquals(name + "@example.com", claims.getStringClaim("email"));
        assertEquals(List.of("team"), claims.getStringListClaim("groups"));
        assertNotNull(claims.getAuthenticationTime());
        AccessTokenValidator.validate(tokens.getAccessToken(), JWSAlgorithm.RS256, claims.getAccessTokenHash());
        assertEquals("email me openid profile", tokens.getAccessToken().getScope().toString());

        var info = UserInfoResponse.parse(new UserInfoRequest(api.uri("userinfo"),
                (BearerAccessToken) tokens.getAccessToken()).toHTTPRequest().send());
        assertTrue(info.indicatesSuccess());
        var userInfo = info.toSuccessResponse().getUserInfo();
        assertEquals(name, userInfo.getSubject().getValue());
        assertEquals(name + "@example.com", userInfo.getEmailAddress());

        var refreshed = tokens(new TokenRequest(api.uri("token"), first.client,
                new RefreshTokenGrant(tokens.getRefreshToken())).toHTTPRequest().send()).getOIDCTokens();
        assertNotNull(refreshed.getIDToken(), "an ID token again, for the openid scope");
        assertEquals(name, validator.validate(refreshed.getIDToken(), null).getSubject().getValue());
        assertEquals(200, api.getWithToken("users/me", refreshed.getAccessToken().getValue()).status());
    }

    @Test
    void withoutOpenidNoIdTokenAndNoUserInfo() throws Exception {
        var tokens = tokens(first.redeem(first.code("me", name, PASSWORD)));
        assertNull(tokens.getOIDCTokens().getIDToken());
        assertEquals(403, api.getWithToken("userinfo", tokens.getOIDCTokens().getAccessToken().getValue()).status());
    }

    @Test
    void oneLoginServesASecondClientWithoutAPassword() throws Exception {
        tokens(first.redeem(first.code("openid", name, PASSWORD)));
        second.cookie = first.cookie;
        var reply = second.visit(second.authorizationUri("openid me"));
        assertEquals(302, reply.status(), reply.body());
        var location = reply.header("Location");
        assertTrue(location.startsWith("http://127.0.0.1:9/cb?tenant=a&code="), location);
        var tokens = tokens(second.redeem(CodeFlow.success(location).getAuthorizationCode())).getOIDCTokens();
        var claims = SignedJWT.parse(tokens.getIDToken().serialize()).getJWTClaimsSet();
        assertEquals(List.of(second.client.getValue()), claims.getAudience());
        assertEquals(second.nonce.getValue(), claims.getStringClaim("nonce"));
    }

    @Test
    void promptNoneAnswersFromTheLoginOrSaysLoginRequired() throws Exception {
        var noLogin = first.visit(first.authorizationUri("openid", b -> b.prompt(new Prompt(Prompt.Type.NONE))));
        assertEquals(302, noLogin.status(), noLogin.body());
        assertEquals("login_required", CodeFlow.error(noLogin.header("Location")).getErrorObject().getCode());
        first.code("openid", name, PASSWORD);
        var withLogin = first.again().visit(first.authorizationUri("openid", b -> b.prompt(new Prompt(Prompt.Type.NONE))));
        assertEquals(302, withLogin.status());
        assertNotNull(CodeFlow.success(withLogin.header("Location")).getAuthorizationCode());
    }

    @Test
    void promptLoginAndAnExceededMaxAgeShowTheLoginPage() throws Exception {
        first.code("openid", name, PASSWORD);
        Thread.sleep(1100);
        assertEquals(200, first.visit(first.authorizationUri("openid", b -> b.prompt(new Prompt(Prompt.Type.LOGIN)))).status());
        assertEquals(200, first.visit(first.authorizationUri("openid", b -> b.maxAge(0))).status());
        assertEquals(302, first.visit(first.authorizationUri("openid", b -> b.maxAge(3600))).status());
        var idToken = tokens(first.redeem(CodeFlow.success(first.again().visit(first.authorizationUri("openid",
                b -> b.maxAge(3600))).header("Location")).getAuthorizationCode())).getOIDCTokens().getIDToken();
        assertNotNull(idToken.getJWTClaimsSet().getDateClaim("auth_time"), "max_age asks for auth_time");
    }

    @Test
    void logoutEndsTheLoginAndEverySessionStartedFromIt() throws Exception {
        var tokens = tokens(first.redeem(first.code("openid me", name, PASSWORD))).getOIDCTokens();
        var logout = first.visit(api.uri("logout?id_token_hint=" + tokens.getIDToken().serialize()
                + "&post_logout_redirect_uri=https%3A%2F%2Frp.example%2Fcallback&state=bye"));
        assertEquals(302, logout.status(), logout.body());
        assertEquals("https://rp.example/callback?state=bye", logout.header("Location"));
        assertTrue(logout.header("Set-Cookie").contains("Max-Age=0"));
        assertEquals(401, api.getWithToken("users/me", tokens.getAccessToken().getValue()).status());
        assertEquals("invalid_grant", errorOf(new TokenRequest(api.uri("token"), first.client,
                new RefreshTokenGrant(tokens.getRefreshToken())).toHTTPRequest().send()));
        var again = first.again().visit(first.authorizationUri("openid", b -> b.prompt(new Prompt(Prompt.Type.NONE))));
        assertEquals("login_required", CodeFlow.error(again.header("Location")).getErrorObject().getCode());
    }

    @Test
    void aLogoutLinkWithoutAnIdTokenAsksFirst() throws Exception {
        first.code("openid", name, PASSWORD);
        var logout = first.visit(api.uri("logout"));
        assertEquals(200, logout.status());
        assertTrue(logout.header("Content-Type").startsWith("text/html"));
        var still = first.again().visit(first.authorizationUri("openid", b -> b.prompt(new Prompt(Prompt.Type.NONE))));
        assertNotNull(CodeFlow.success(still.header("Location")).getAuthorizationCode(), "still signed in");
    }

    @Test
    void anUnregisteredRedirectUriIsNeverRedirectedTo() throws Exception {
        var evil = new CodeFlow(api, first.client.getValue(), "https://attacker.example/callback", null);
        var reply = evil.visit(evil.authorizationUri("openid"));
        assertEquals(400, reply.status(), reply.body());
        assertNull(reply.header("Location"));
        assertEquals("invalid_request", reply.json().getString("error"));
        var unknown = new CodeFlow(api, "nobody", "https://rp.example/callback", null);
        assertEquals(400, unknown.visit(unknown.authorizationUri("openid")).status());
        var prefix = new CodeFlow(api, first.client.getValue(), "https://rp.example/callback/../evil", null);
        assertEquals(400, prefix.visit(prefix.authorizationUri("openid")).status());
    }

    @Test
    void aPlainChallengeOrNoneIsRefusedByRedirect() throws Exception {
        var plain = first.visit(first.authorizationUri("openid", b -> b.codeChallenge(new CodeVerifier(),
                com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod.PLAIN)));
        assertEquals(302, plain.status());
        var error = CodeFlow.error(plain.header("Location"));
        assertEquals("invalid_request", error.getErrorObject().getCode());
        assertEquals(first.state, error.getState());
        assertEquals(new Issuer(discoveryIssuer()), error.getIssuer());
        var none = first.visit(first.authorizationUri("openid", b -> b.codeChallenge((CodeVerifier) null, null)));
        assertEquals("invalid_request", CodeFlow.error(none.header("Location")).getErrorObject().getCode());
    }

    String discoveryIssuer() {
        return api.get(".well-known/openid-configuration").json().getString("issuer");
    }

    @Test
    void aMissingOrWrongVerifierIsRefused() throws Exception {
        var missing = api.postForm("token", "grant_type=authorization_code&client_id=" + first.client + "&code="
                + first.code("openid", name, PASSWORD) + "&redirect_uri=https%3A%2F%2Frp.example%2Fcallback");
        assertEquals(400, missing.status());
        assertEquals("invalid_request", missing.json().getString("error"));
        var code = first.again().code("openid", name, PASSWORD);
        assertEquals("invalid_grant", errorOf(first.redeem(code, new CodeVerifier())));
        assertEquals("invalid_grant", errorOf(first.redeem(code)), "a failed redemption spends the code");
    }

    @Test
    void aCodeRedeemedTwiceEndsWhatItsFirstRedemptionStarted() throws Exception {
        var code = first.code("openid me", name, PASSWORD);
        var tokens = tokens(first.redeem(code)).getOIDCTokens();
        assertEquals("invalid_grant", errorOf(first.redeem(code)));
        assertEquals(401, api.getWithToken("users/me", tokens.getAccessToken().getValue()).status());
        assertEquals("invalid_grant", errorOf(new TokenRequest(api.uri("token"), first.client,
                new RefreshTokenGrant(tokens.getRefreshToken())).toHTTPRequest().send()));
    }

    @Test
    void aCodeOfAnotherClientIsRefused() throws Exception {
        var code = first.code("openid", name, PASSWORD);
        var thief = new CodeFlow(api, second.client.getValue(), first.redirectUri.toString(),
                second.secret.getValue());
        thief.verifier = first.verifier;
        assertEquals("invalid_grant", errorOf(thief.redeem(code)));
        var confidential = second.code("openid", name, PASSWORD);
        var withoutSecret = new CodeFlow(api, second.client.getValue(), second.redirectUri.toString(), null);
        withoutSecret.verifier = second.verifier;
        assertEquals(401, withoutSecret.redeem(confidential).getStatusCode(), "a confidential client must prove itself");
    }

    @Test
    void everyFailedLoginGetsTheSameAnswer() throws Exception {
        var uri = first.authorizationUri("openid");
        var wrong = first.logIn(uri, name, "wrong password", null);
        var unknown = first.logIn(uri, "nobody-" + suffix(), PASSWORD, null);
        assertEquals(400, wrong.status());
        assertEquals(wrong.body(), unknown.body());
        assertNull(first.cookie);
        assertEquals("invalid_grant", wrong.json().getString("error"));
    }

    @Test
    void theLoginPagesPostIsRefusedFromAnotherOrigin() throws Exception {
        var reply = api.send(api.request("authorize").header("Content-Type", "application/json")
                .header("Origin", "https://attacker.example").POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                        "{\"query\":\"" + first.authorizationUri("openid").getRawQuery() + "\",\"username\":\"" + name
                                + "\",\"password\":\"" + PASSWORD + "\"}")));
        assertEquals(403, reply.status(), reply.body());
        assertFalse(reply.headers().containsKey("set-cookie"));
    }

    @Test
    void aTemporaryPasswordIsReplacedAtTheLoginPage() throws Exception {
        assertEquals(204, api.json("PUT", "admin/users/" + name + "/password", admin,
                "{\"password\":\"temporary pass\",\"temporary\":true}").status());
        var uri = first.authorizationUri("openid");
        var asked = first.logIn(uri, name, "temporary pass", null);
        assertEquals(403, asked.status(), asked.body());
        assertEquals("password_change_required", asked.json().getString("error"));
        assertEquals(400, first.logIn(uri, name, "temporary pass", "temporary pass").status());
        var changed = first.logIn(uri, name, "temporary pass", "my own password");
        assertEquals(200, changed.status(), changed.body());
        assertNotNull(CodeFlow.success(changed.json().getString("redirect_to")).getAuthorizationCode());
        assertEquals(200, api.postForm("token", "username=" + name + "&password=my%20own%20password").status());
    }

    @Test
    void aDisabledUsersLoginNoLongerAnswers() throws Exception {
        first.code("openid", name, PASSWORD);
        assertEquals(200, api.json("POST", "admin/users/" + name + "/disable", admin, null).status());
        var reply = first.again().visit(first.authorizationUri("openid", b -> b.prompt(new Prompt(Prompt.Type.NONE))));
        assertEquals("login_required", CodeFlow.error(reply.header("Location")).getErrorObject().getCode());
    }
}
