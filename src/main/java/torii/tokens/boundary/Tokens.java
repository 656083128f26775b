package torii.tokens.boundary;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import torii.audit.boundary.AuditEvent;
import torii.tokens.control.TokenIssuer;
import torii.users.boundary.Logins;

/** Grants access tokens. */
@Stateless
public class Tokens {

    @Inject
    Logins logins;

    @Inject
    TokenIssuer issuer;

    /**
     * The resource owner password credentials grant (RFC 6749 section 4.3), throttled per username and client address
     * as its section 4.3.2 asks.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public TokenResponse passwordGrant(TokenRequest request, String clientAddress) {
        var user = logins.authenticate(AuditEvent.LOGIN, request.username(), request.password(), clientAddress)
                .orElseThrow(TokenErrors::invalidGrant);
        var token = issuer.issue(user.username(), user.roles());
        return TokenResponse.bearer(token.value(), token.expiresIn());
    }
}
