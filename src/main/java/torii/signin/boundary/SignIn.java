package torii.signin.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MultivaluedMap;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import torii.clients.boundary.Clients;
import torii.clients.control.RedirectUris;
import torii.platform.control.OpaqueValues;
import torii.platform.control.Refusal;
import torii.platform.control.Refusal.Kind;
import torii.platform.control.TokenSettings;
import torii.platform.entity.AuditEvent;
import torii.signin.control.AuthorizationError;
import torii.signin.control.AuthorizationRequest;
import torii.signin.control.Redirects;
import torii.tokens.boundary.Codes;
import torii.tokens.boundary.Sessions;
import torii.tokens.boundary.Sessions.BrowserLogin;
import torii.tokens.boundary.Tokens;
import torii.tokens.entity.Session;
import torii.users.boundary.Logins;
import torii.users.entity.User;

/**
 * The authorization endpoint's decisions: whether a request's client and redirect URI are good, whether the browser's
 * login answers it or the login page must be shown, and the code or the error sent back to the client.
 */
@ApplicationScoped
public class SignIn {

    /** What the login page is told for every failed login: which of the username or password was wrong is not said. */
    static final String INCORRECT = "Incorrect username or password";

    @Inject
    Clients clients;

    @Inject
    Sessions sessions;

    @Inject
    Codes codes;

    @Inject
    Tokens tokens;

    @Inject
    Logins logins;

    @Inject
    TokenSettings settings;

    Clock clock = Clock.systemUTC();

    /** Where a redirect is to go: the code, an error for the client, or the login page (null). */
    public record Outcome(String redirect) {

        static final Outcome LOGIN_PAGE = new Outcome(null);
    }

    /** This service's origins as a browser reaches it: the request's, and the issuer's (its public URL). */
    public Set<String> ownOrigins(URI requestBase) {
        var origins = new LinkedHashSet<String>();
        origins.add(origin(requestBase));
        try {
            origins.add(origin(URI.create(settings.issuer())));
        } catch (IllegalArgumentException notAUrl) {
            // An issuer that is not a URL names no origin.
        }
        origins.remove(null);
        return origins;
    }

    static String origin(URI uri) {
        if (uri.getScheme() == null || uri.getHost() == null) {
            return null;
        }
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }

    /**
     * The request checked: a client that exists and is enabled, a redirect URI registered for it, and then the rest;
     * an {@link AuthorizationError} otherwise, to redirect with when the client and redirect URI are good.
     */
    public AuthorizationRequest check(MultivaluedMap<String, String> params, Set<String> ownOrigins) {
        var target = AuthorizationRequest.target(params);
        var client = clients.find(target.clientId()).filter(found -> !found.disabled())
                .orElseThrow(() -> AuthorizationError.unredirectable("Unknown client " + target.clientId()));
        if (!RedirectUris.matches(client.redirectUris(), target.redirectUri(), ownOrigins)) {
            throw AuthorizationError.unredirectable("redirect_uri is not registered for client " + target.clientId());
        }
        try {
            return AuthorizationRequest.of(target, params);
        } catch (AuthorizationError error) {
            throw new Redirected(Redirects.error(target.redirectUri(), error, target.state(), settings.issuer()));
        }
    }

    /** An error already turned into the redirect that tells the client. */
    public static class Redirected extends RuntimeException {

        private final String location;

        Redirected(String location) {
            super(null, null, false, false);
            this.location = location;
        }

        public String location() {
            return location;
        }
    }

    /**
     * A request answered without the login page when the browser's login is good for it: not {@code prompt=login},
     * and younger than {@code max_age}; {@code prompt=none} without such a login is told {@code login_required}.
     */
    public Outcome authorize(AuthorizationRequest request, String cookie) {
        var login = sessions.browserLogin(cookie).filter(found -> !request.promptsLogin())
                .filter(found -> request.maxAge() == null || !clock.instant()
                        .isAfter(found.session().loggedIn().plusSeconds(request.maxAge())));
        if (login.isPresent()) {
            return new Outcome(complete(request, login.get()));
        }
        if (request.promptsNone()) {
            return new Outcome(error(request, new AuthorizationError("login_required", "The user must log in")));
        }
        return Outcome.LOGIN_PAGE;
    }

    /** What a successful login at the login page ends with: where to go next, and the cookie of the new login. */
    public record LoggedIn(String redirect, String cookie, Duration lifetime) {

        @Override
        public String toString() {
            return "LoggedIn[" + redirect + "]";
        }
    }

    /**
     * A login at the login page, throttled and audited as at the token endpoint, with a new password when the
     * current one is temporary: a new login of the browser (ending the one it had), and the code for the request.
     */
    public CompletionStage<LoggedIn> logIn(AuthorizationRequest request, String username, String password,
            String newPassword, String address, String oldCookie) {
        return logins.authenticate(AuditEvent.LOGIN, username, password, address).thenApply(found -> {
            var user = found.orElseThrow(() -> new Refusal(Kind.INVALID, "invalid_grant", INCORRECT, null));
            if (user.passwordTemporary()) {
                if (newPassword == null) {
                    throw new Refusal(Kind.FORBIDDEN, "password_change_required",
                            "The password was set by an administrator; choose your own", null);
                }
                user = logins.replaceTemporary(user.username(), password, newPassword);
            }
            return logInAs(request, user, address, oldCookie);
        });
    }

    /**
     * The user proven, at the login page or by an upstream provider: a new login of the browser, ending the one it
     * had, and the code for the request.
     */
    public LoggedIn logInAs(AuthorizationRequest request, User user, String address, String oldCookie) {
        logOut(oldCookie, address);
        var cookie = OpaqueValues.random(32);
        var login = sessions.startBrowser(user, request.clientId(), cookie);
        return new LoggedIn(complete(request, new BrowserLogin(login, user)), cookie,
                Duration.between(clock.instant(), login.expires()));
    }

    /** The code, or the error, for a request the browser's login answers. */
    String complete(AuthorizationRequest request, BrowserLogin login) {
        var user = login.user();
        var mayHave = tokens.mayHave(user);
        var granted = request.scope().isEmpty() ? mayHave.withoutIdentity() : request.scope().within(mayHave);
        if (granted.isEmpty()) {
            return error(request, new AuthorizationError("invalid_scope",
                    "None of the requested scopes can be granted to this user"));
        }
        if (granted.toString().length() > Session.MAX_SCOPE) {
            return error(request, new AuthorizationError("invalid_scope",
                    "The scope would be longer than " + Session.MAX_SCOPE + " characters"));
        }
        Optional<String> code = codes.issue(login.session(), request.clientId(), request.redirectUri(),
                request.challenge(), granted.toString(), request.nonce());
        return code.map(value -> Redirects.code(request.redirectUri(), value, request.state(), settings.issuer()))
                .orElseGet(() -> error(request, new AuthorizationError("temporarily_unavailable",
                        "Too many authorization codes are waiting to be redeemed; try again in a minute")));
    }

    public String error(AuthorizationRequest request, AuthorizationError error) {
        return Redirects.error(request.redirectUri(), error, request.state(), settings.issuer());
    }

    /** The user a cookie's login belongs to, if it is good. */
    public Optional<User> userOf(String cookie) {
        return sessions.browserLogin(cookie).map(BrowserLogin::user);
    }

    /** Ends the browser's login and every client session started from it; whether there was one. */
    public boolean logOut(String cookie, String address) {
        var login = sessions.browserLogin(cookie);
        login.ifPresent(found -> sessions.endLogin(found.session().id(), address));
        return login.isPresent();
    }

    /**
     * Whether cookies must be Secure: the browser reached the service over HTTPS, or its public URL (the issuer) is
     * HTTPS, as behind a proxy that ends TLS and speaks HTTP to the service.
     */
    public boolean secure(URI requestBase) {
        return "https".equalsIgnoreCase(requestBase.getScheme()) || settings.issuer().regionMatches(true, 0, "https:", 0, 6);
    }
}
