package torii.revocation.boundary;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import org.eclipse.microprofile.jwt.JsonWebToken;
import torii.clients.boundary.Clients;
import torii.clients.control.ClientCredentials;
import torii.platform.boundary.FormParameters;
import torii.platform.control.Scope;
import torii.platform.control.TokenClaims;
import torii.platform.control.TokenSettings;
import torii.platform.entity.AuditEvent;
import torii.security.boundary.AccountStates;
import torii.security.boundary.Denials;
import torii.security.control.TokenVerifier;
import torii.tokens.boundary.Sessions;
import torii.tokens.boundary.TokenErrors;
import torii.tokens.control.RefreshRules;
import torii.tokens.entity.RefreshToken;
import torii.tokens.entity.Session;
import torii.users.boundary.Users;

/**
 * Ends sessions and access tokens (RFC 7009), and tells resource servers whether a token is active (RFC 7662).
 */
@Stateless
public class Revocations {

    static final String ACCESS_TOKEN = "access_token";
    static final String REFRESH_TOKEN = "refresh_token";

    @PersistenceContext
    EntityManager em;

    @Inject
    TokenVerifier verifier;

    @Inject
    Denials denials;

    @Inject
    AccountStates accounts;

    @Inject
    Sessions sessions;

    @Inject
    RefreshRules rules;

    @Inject
    Users users;

    @Inject
    Clients clients;

    @Inject
    TokenSettings settings;

    @Inject
    Event<AuditEvent> audit;

    Clock clock = Clock.systemUTC();

    /**
     * Revokes a refresh token (its whole session) or an access token, if it is one of the client's. Anything else
     * that is not a token of this service is ignored, as RFC 7009 section 2.2 asks.
     */
    public void revoke(String token, String hint, ClientCredentials credentials) {
        var clientId = clients.authenticate(credentials);
        FormParameters.required("token", token);
        if (!ACCESS_TOKEN.equals(hint) && revokeRefreshToken(token, clientId)) {
            return;
        }
        var access = verifier.verify(token);
        if (access.isPresent()) {
            ownedBy(clientId, access.get().getClaim(TokenClaims.CLIENT_ID));
            denials.deny(access.get().getTokenID(), Instant.ofEpochSecond(access.get().getExpirationTime())
                    .plusSeconds(settings.clockSkewSeconds()));
            audit.fire(new AuditEvent(AuditEvent.TOKEN_REVOKE, access.get().getSubject(), null, AuditEvent.SUCCESS,
                    "access token"));
        } else if (ACCESS_TOKEN.equals(hint)) {
            revokeRefreshToken(token, clientId);
        }
    }

    boolean revokeRefreshToken(String value, String clientId) {
        var token = em.find(RefreshToken.class, RefreshRules.hash(value));
        var session = token == null ? null : em.find(Session.class, token.session());
        if (session == null) {
            return false;
        }
        ownedBy(clientId, session.clientId());
        sessions.end(session);
        audit.fire(new AuditEvent(AuditEvent.TOKEN_REVOKE, session.username(), null, AuditEvent.SUCCESS,
                "refresh token; the session is ended"));
        return true;
    }

    /** RFC 7009 section 2.1: a client may revoke only the tokens issued to it. */
    static void ownedBy(String clientId, Object owner) {
        if (!Objects.equals(clientId, owner)) {
            throw TokenErrors.unauthorizedClient("The token was not issued to this client");
        }
    }

    /**
     * Whether the token is a valid access or refresh token of this service whose user may still use it, asked by a
     * confidential client (its credentials) or by an administrator (none). Both kinds are looked for whatever the
     * hint, as RFC 7662 section 2.1 allows, since looking costs a map or a row lookup.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public Introspection introspect(String token, ClientCredentials credentials) {
        if (credentials != null) {
            clients.authenticateConfidential(credentials);
        }
        FormParameters.required("token", token);
        var access = verifier.verify(token).filter(this::userActive);
        return access.map(this::describe).orElseGet(() -> introspectRefreshToken(token));
    }

    /** The token's user or client exists, is enabled, and still has the stamp the token carries, as requests ask. */
    boolean userActive(JsonWebToken token) {
        return accounts.of(token).state() == AccountStates.State.ACTIVE;
    }

    Introspection describe(JsonWebToken token) {
        // A client's own token has no resource owner to name (RFC 7662 section 2.2).
        return new Introspection(true, token.getSubject(), TokenClaims.ofClient(token) ? null : token.getName(),
                token.getClaim(Scope.CLAIM),
                token.getClaim(TokenClaims.CLIENT_ID), "Bearer", token.getExpirationTime(), token.getIssuedAtTime(),
                token.getIssuer(), token.getTokenID());
    }

    Introspection introspectRefreshToken(String value) {
        var token = em.find(RefreshToken.class, RefreshRules.hash(value));
        var session = token == null ? null : em.find(Session.class, token.session());
        if (session == null) {
            return Introspection.INACTIVE;
        }
        var user = users.find(session.username()).orElse(null);
        if (rules.judge(token, session, session.clientId(), user, clock.instant()) != RefreshRules.Verdict.VALID) {
            return Introspection.INACTIVE;
        }
        return new Introspection(true, session.username(), session.username(), session.scope(), session.clientId(),
                REFRESH_TOKEN, rules.expiry(token, session).getEpochSecond(), token.created().getEpochSecond(), settings.issuer(),
                null);
    }
}
