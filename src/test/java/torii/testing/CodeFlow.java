package torii.testing;

import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationErrorResponse;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.AuthenticationResponse;
import com.nimbusds.openid.connect.sdk.AuthenticationResponseParser;
import com.nimbusds.openid.connect.sdk.AuthenticationSuccessResponse;
import com.nimbusds.openid.connect.sdk.Nonce;
import jakarta.json.Json;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A relying party of the authorization code flow with PKCE, built with Nimbus's OpenID Connect SDK, and the browser it
 * sends to Torii: a cookie jar of one cookie, the login page's post done as the page does it.
 */
public final class CodeFlow {

    public final Api api;
    public final ClientID client;
    public final URI redirectUri;
    public final Secret secret;
    public CodeVerifier verifier = new CodeVerifier();
    public State state = new State();
    public Nonce nonce = new Nonce();
    /** The browser's login cookie, as sent back in a Cookie header; null for none. */
    public String cookie;

    public CodeFlow(Api api, String client, String redirectUri, String secret) {
        this.api = api;
        this.client = new ClientID(client);
        this.redirectUri = URI.create(redirectUri);
        this.secret = secret == null ? null : new Secret(secret);
    }

    /** A fresh verifier, state and nonce: a new authorization request by the same client and browser. */
    public CodeFlow again() {
        verifier = new CodeVerifier();
        state = new State();
        nonce = new Nonce();
        return this;
    }

    public AuthenticationRequest.Builder request(String scope) {
        return new AuthenticationRequest.Builder(new ResponseType("code"), Scope.parse(scope), client, redirectUri)
                .endpointURI(api.uri("authorize")).state(state).nonce(nonce)
                .codeChallenge(verifier, CodeChallengeMethod.S256);
    }

    /** An OpenID Connect authentication request when the scope holds openid, else a plain OAuth 2.0 one. */
    public URI authorizationUri(String scope) {
        if (Scope.parse(scope).contains("openid")) {
            return request(scope).build().toURI();
        }
        return new com.nimbusds.oauth2.sdk.AuthorizationRequest.Builder(new ResponseType("code"), client)
                .scope(Scope.parse(scope)).redirectionURI(redirectUri).endpointURI(api.uri("authorize")).state(state)
                .codeChallenge(verifier, CodeChallengeMethod.S256).build().toURI();
    }

    public URI authorizationUri(String scope, Consumer<AuthenticationRequest.Builder> more) {
        var builder = request(scope);
        more.accept(builder);
        return builder.build().toURI();
    }

    /** The browser's GET of an authorization request. */
    public Api.Reply visit(URI uri) {
        var request = HttpRequest.newBuilder(uri).GET();
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return api.send(request);
    }

    /** What the login page posts, with its own origin; keeps the cookie set in the answer. */
    public Api.Reply logIn(URI authorization, String username, String password, String newPassword) {
        var body = Json.createObjectBuilder().add("query", authorization.getRawQuery()).add("username", username)
                .add("password", password);
        if (newPassword != null) {
            body.add("new_password", newPassword);
        }
        var request = api.request("authorize").header("Content-Type", "application/json")
                .header("Origin", origin()).POST(HttpRequest.BodyPublishers.ofString(body.build().toString()));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        var reply = api.send(request);
        var set = reply.header("Set-Cookie");
        if (set != null && set.startsWith("torii_login=")) {
            cookie = set.substring(0, set.indexOf(';'));
        }
        return reply;
    }

    public String origin() {
        return api.base().getScheme() + "://" + api.base().getRawAuthority();
    }

    /** Where a redirect goes, parsed by the SDK as the client would. */
    public static AuthenticationResponse response(String location) {
        try {
            return AuthenticationResponseParser.parse(URI.create(location));
        } catch (com.nimbusds.oauth2.sdk.ParseException e) {
            throw new AssertionError("Not an authorization response: " + location, e);
        }
    }

    public static AuthenticationSuccessResponse success(String location) {
        var response = response(location);
        if (!response.indicatesSuccess()) {
            throw new AssertionError("An error came back: " + location);
        }
        return response.toSuccessResponse();
    }

    public static AuthenticationErrorResponse error(String location) {
        var response = response(location);
        if (response.indicatesSuccess()) {
            throw new AssertionError("A code came back: " + location);
        }
        return response.toErrorResponse();
    }

    /** The full login: the request, the login page's post, the code that comes back. */
    public AuthorizationCode code(String scope, String username, String password) {
        var uri = authorizationUri(scope);
        var reply = logIn(uri, username, password, null);
        if (reply.status() != 200) {
            throw new AssertionError("Login failed: " + reply);
        }
        return success(reply.json().getString("redirect_to")).getAuthorizationCode();
    }

    /** The token request of the code, with this flow's verifier (or another), as the SDK sends it. */
    public HTTPResponse redeem(AuthorizationCode code, CodeVerifier verifier) {
        var grant = new AuthorizationCodeGrant(code, redirectUri, verifier);
        var request = secret == null
                ? new TokenRequest(api.uri("token"), client, grant)
                : new TokenRequest(api.uri("token"), new ClientSecretBasic(client, secret), grant);
        try {
            return request.toHTTPRequest().send();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public HTTPResponse redeem(AuthorizationCode code) {
        return redeem(code, verifier);
    }

    /** The query parameters of a redirect's Location. */
    public static Map<String, java.util.List<String>> query(String location) {
        return com.nimbusds.oauth2.sdk.util.URLUtils.parseParameters(URI.create(location).getRawQuery());
    }
}
