package torii.tokens.boundary;

import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import torii.apps.boundary.Apps;
import torii.apps.entity.Grantee;
import torii.clients.boundary.Clients;
import torii.clients.control.ClientCredentials;
import torii.clients.control.ClientErrors;
import torii.metrics.boundary.Metrics;
import torii.platform.control.Scope;
import torii.platform.entity.AuditEvent;
import torii.platform.control.Refusal;
import torii.platform.control.Refusal.Kind;
import torii.platform.control.TokenSettings;
import torii.tokens.control.CodeRules;
import torii.tokens.control.RefreshRules;
import torii.tokens.control.TokenIssuer;
import torii.tokens.entity.AuthorizationCode;
import torii.tokens.entity.RefreshToken;
import torii.tokens.entity.Session;
import torii.users.boundary.Logins;
import torii.users.boundary.Users;
import torii.users.entity.User;

/** Grants tokens: a login with a password starts a session, and each refresh exchanges its refresh token once. */
@Stateless
public class Tokens {

    /** The same answer whatever is wrong with a code, so that a guess learns nothing. */
    static final String INVALID_CODE = "Invalid, expired or used authorization code";

    private static final Logger LOG = Logger.getLogger(Tokens.class.getName());

    @PersistenceContext
    EntityManager em;

    @Inject
    Users users;

    @Inject
    Logins logins;

    @Inject
    Apps apps;

    @Inject
    Event<AuditEvent> audit;

    @Inject
    TokenIssuer issuer;

    @Inject
    RefreshRules rules;

    @Inject
    Sessions sessions;

    @Inject
    Clients clients;

    @Inject
    Metrics metrics;

    @Inject
    TokenSettings settings;

    @Resource
    SessionContext context;

    Clock clock = Clock.systemUTC();

    /**
     * A token request from its client: the client is authenticated (RFC 6749 section 2.3), then the grant is made;
     * a password grant later, once the password has been checked on the hashing pool.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public CompletionStage<TokenResponse> grant(TokenRequest request, List<String> authorization, String address) {
        var credentials = ClientCredentials.of(authorization, request.clientId(), request.clientSecret());
        if (TokenRequest.CLIENT_CREDENTIALS.equals(request.grantType())) {
            return CompletableFuture.completedFuture(clientCredentialsGrant(request, credentials));
        }
        if (TokenRequest.PASSWORD.equals(request.grantType()) && !settings.passwordGrant()) {
            throw TokenErrors.unsupportedGrantType("The password grant is turned off here; sign in at /authorize");
        }
        var client = clients.authenticate(credentials);
        if (TokenRequest.REFRESH_TOKEN.equals(request.grantType())) {
            return CompletableFuture.completedFuture(refreshGrant(request, client));
        }
        if (TokenRequest.AUTHORIZATION_CODE.equals(request.grantType())) {
            var response = self().redeem(request.code(), client, request.redirectUri(), request.codeVerifier())
                    .orElseThrow(() -> Refusal.oauth(Kind.INVALID, "invalid_grant", INVALID_CODE));
            metrics.tokenIssued(Metrics.AUTHORIZATION_CODE);
            return CompletableFuture.completedFuture(response);
        }
        return passwordGrant(request, client, address);
    }

    /**
     * The resource owner password credentials grant (RFC 6749 section 4.3), throttled per username and client address
     * as its section 4.3.2 asks. The scope granted is the requested one within what the user may have.
     */
    CompletionStage<TokenResponse> passwordGrant(TokenRequest request, String clientId, String clientAddress) {
        var requested = Scope.parse(request.scope());
        if (requested == null) {
            throw TokenErrors.invalidScope("Scopes are separated by spaces and use printable ASCII only");
        }
        return logins.authenticate(AuditEvent.LOGIN, request.username(), request.password(), clientAddress)
                .thenApply(found -> {
                    var user = found.orElseThrow(TokenErrors::invalidGrant);
                    var mayHave = mayHave(user);
                    var granted = requested.isEmpty() ? mayHave.withoutIdentity() : requested.within(mayHave);
                    if (granted.isEmpty()) {
                        throw TokenErrors.invalidScope("None of the requested scopes can be granted to this user");
                    }
                    if (granted.toString().length() > Session.MAX_SCOPE) {
                        throw TokenErrors.invalidScope("The scope would be longer than " + Session.MAX_SCOPE
                                + " characters; ask for the applications needed with the scope parameter");
                    }
                    var response = self().startSession(user, clientId, granted.toString());
                    metrics.tokenIssued(Metrics.PASSWORD);
                    return response;
                });
    }

    /**
     * The client credentials grant (RFC 6749 section 4.4): a confidential client's token for itself, with the scopes of
     * the applications granted to it that it asks for (all of them when it names none), never a user's scope, and no
     * refresh token (section 4.4.3). A public client cannot prove who it is, so it may not use this grant.
     */
    TokenResponse clientCredentialsGrant(TokenRequest request, ClientCredentials credentials) {
        var requested = Scope.parse(request.scope());
        if (requested == null) {
            throw TokenErrors.invalidScope("Scopes are separated by spaces and use printable ASCII only");
        }
        if (credentials.clientId() == null) {
            throw ClientErrors.clientAuthenticationRequired();
        }
        var client = clients.proven(credentials);
        if (!client.confidential()) {
            throw TokenErrors.unauthorizedClient("A public client cannot use the client_credentials grant");
        }
        var mayHave = new Scope(apps.usableBy(Grantee.CLIENT, client.clientId(), Set.of()).stream()
                .map(app -> Scope.app(app.id())).collect(Collectors.toSet()));
        var granted = requested.isEmpty() ? mayHave : requested.within(mayHave);
        if (granted.isEmpty()) {
            record(AuditEvent.CLIENT_TOKEN, null, AuditEvent.FAILURE, "client " + client.clientId() + ": no scope");
            throw TokenErrors.invalidScope("None of the requested scopes can be granted to this client");
        }
        var access = issuer.issueForClient(client.clientId(), client.stamp(), granted.toString());
        record(AuditEvent.CLIENT_TOKEN, null, AuditEvent.SUCCESS, "client " + client.clientId());
        metrics.tokenIssued(Metrics.CLIENT_CREDENTIALS);
        return TokenResponse.bearer(access.value(), access.expiresIn(), null, granted.toString(), null);
    }

    /** The refresh-token grant (RFC 6749 section 6); every way a refresh token can be wrong gets the same answer. */
    TokenResponse refreshGrant(TokenRequest request, String clientId) {
        var response = self().refresh(request.refreshToken(), clientId).orElseThrow(TokenErrors::invalidRefreshToken);
        metrics.tokenIssued(Metrics.REFRESH_TOKEN);
        return response;
    }

    /**
     * Every scope the user may have now: the tutorial's, OpenID Connect's, admin for administrators, and each usable
     * application's.
     */
    public Scope mayHave(User user) {
        var allowed = new HashSet<String>(Scope.IDENTITY);
        allowed.add(Scope.ME);
        allowed.add(Scope.ITEMS);
        if (user.roles().contains(User.ADMIN)) {
            allowed.add(Scope.ADMIN);
        }
        apps.usableBy(Grantee.USER, user.username(), user.roles()).forEach(app -> allowed.add(Scope.app(app.id())));
        return new Scope(allowed);
    }

    /** A new login session and its first tokens. */
    public TokenResponse startSession(User user, String clientId, String scope) {
        return respond(user, sessions.start(user, clientId, scope), scope, null);
    }

    /**
     * Redeems an authorization code once (RFC 6749 section 4.1.3): issued to this client, for this redirect URI, not
     * expired, answered by the PKCE verifier (RFC 7636 section 4.6), and its browser's login still good; it starts the
     * client's session. A code redeemed before ends the session its first redemption started (section 4.1.2). Any
     * failure spends the code. Returns rather than throws, so that ending a session is committed.
     */
    public Optional<TokenResponse> redeem(String value, String clientId, String redirectUri, String verifier) {
        return redeem(value, clientId, redirectUri, verifier, clock.instant());
    }

    /** What {@link #redeem(String, String, String, String)} does, as of the given moment. */
    public Optional<TokenResponse> redeem(String value, String clientId, String redirectUri, String verifier,
            Instant now) {
        var code = em.find(AuthorizationCode.class, RefreshRules.hash(value));
        if (code == null) {
            record(AuditEvent.CODE_REDEEM, null, AuditEvent.FAILURE, "client " + clientId + ": unknown code");
            return Optional.empty();
        }
        if (code.session() != null) {
            Optional.ofNullable(em.find(Session.class, code.session())).ifPresent(sessions::end);
            record(AuditEvent.CODE_REDEEM, code.username(), AuditEvent.FAILURE,
                    "client " + clientId + ": redeemed again; the session it started is ended");
            return Optional.empty();
        }
        var failure = !code.clientId().equals(clientId) ? "issued to another client"
                : !now.isBefore(code.expires()) ? "expired"
                : !code.redirectUri().equals(redirectUri) ? "redirect_uri differs from the authorization request's"
                : !CodeRules.answers(verifier, code.challenge()) ? "code_verifier does not answer the challenge"
                : null;
        var user = failure == null ? users.find(code.username()).orElse(null) : null;
        var scope = user == null ? null : Scope.parse(code.scope()).within(mayHave(user));
        var session = user == null ? Optional.<Session>empty()
                : sessions.startFrom(code.login(), user, clientId, scope.toString());
        if (session.isEmpty()) {
            em.remove(code);
            record(AuditEvent.CODE_REDEEM, code.username(), AuditEvent.FAILURE, "client " + clientId + ": "
                    + (failure == null ? "the login has ended" : failure));
            return Optional.empty();
        }
        if (em.createNamedQuery(AuthorizationCode.REDEEM).setParameter("session", session.get().id())
                .setParameter("hash", code.hash()).executeUpdate() != 1) {
            // Another request redeemed it meanwhile: its row is left to name that session for a later reuse.
            sessions.end(session.get());
            record(AuditEvent.CODE_REDEEM, code.username(), AuditEvent.FAILURE, "client " + clientId
                    + ": redeemed at the same time by another request");
            return Optional.empty();
        }
        record(AuditEvent.CODE_REDEEM, code.username(), AuditEvent.SUCCESS, "client " + clientId);
        return Optional.of(respond(user, session.get(), scope.toString(), code.nonce()));
    }

    /**
     * Exchanges a refresh token for a new pair, once. A token used before is a sign that it was stolen: its whole
     * session ends (RFC 9700 section 4.14.2). Returns rather than throws, so that ending the session is committed.
     */
    public Optional<TokenResponse> refresh(String value, String clientId) {
        var now = clock.instant();
        var token = em.find(RefreshToken.class, RefreshRules.hash(value));
        var session = token == null ? null : em.find(Session.class, token.session());
        var user = session == null ? null : users.find(session.username()).orElse(null);
        var verdict = rules.judge(token, session, clientId, user, now);
        if (verdict == RefreshRules.Verdict.VALID && used(token, now)) {
            // The scope can only narrow: what the user may no longer have (an application's grant, a role) goes.
            var scope = Scope.parse(session.scope()).within(mayHave(user)).toString();
            record(session.username(), AuditEvent.SUCCESS, "client " + clientId);
            return Optional.of(respond(user, session, scope, null));
        }
        if (verdict == RefreshRules.Verdict.VALID || verdict == RefreshRules.Verdict.REUSED) {
            LOG.warning("A used refresh token was presented again; its session of " + session.username()
                    + " with client " + clientId + " is ended");
            sessions.end(session);
            record(session.username(), AuditEvent.FAILURE, "reused; the session is ended");
        } else {
            record(session == null ? null : session.username(), AuditEvent.FAILURE,
                    verdict.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
        }
        return Optional.empty();
    }

    /** Marks the token used; false if another request used it first. */
    boolean used(RefreshToken token, Instant now) {
        return em.createNamedQuery(RefreshToken.USE).setParameter("now", now).setParameter("hash", token.hash())
                .executeUpdate() == 1;
    }

    /** A new refresh token of the session, an access token, and an ID token when the scope holds openid. */
    TokenResponse respond(User user, Session session, String scope, String nonce) {
        var refreshToken = RefreshRules.newValue();
        em.persist(new RefreshToken(RefreshRules.hash(refreshToken), session.id(), clock.instant()));
        var access = issuer.issue(user.username(), user.roles(), user.stamp(), session.clientId(), scope, session.id());
        var granted = Scope.parse(scope);
        var idToken = granted.values().contains(Scope.OPENID)
                ? issuer.issueIdToken(user, session.clientId(), granted, nonce, session.loggedIn(),
                        session.login() == null ? session.id() : session.login(), access.value())
                : null;
        return TokenResponse.bearer(access.value(), access.expiresIn(), refreshToken, scope, idToken);
    }

    /** Recorded in the same transaction, so a reuse is recorded with the end of its session or not at all. */
    void record(String username, String outcome, String detail) {
        record(AuditEvent.TOKEN_REFRESH, username, outcome, detail);
    }

    void record(String action, String username, String outcome, String detail) {
        audit.fire(new AuditEvent(action, username, null, outcome, detail));
    }

    /** Through the container, so that each step runs in a transaction of its own. */
    Tokens self() {
        return context.getBusinessObject(Tokens.class);
    }
}
