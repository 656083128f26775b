package torii.tokens.boundary;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import torii.tokens.control.TokenIssuer;
import torii.users.boundary.Users;

/** Grants access tokens. */
@Stateless
public class Tokens {

    @Inject
    Users users;

    @Inject
    TokenIssuer issuer;

    /** The resource owner password credentials grant (RFC 6749 section 4.3). */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public TokenResponse passwordGrant(TokenRequest request) {
        var user = users.authenticate(request.username(), request.password()).orElseThrow(TokenErrors::invalidGrant);
        var token = issuer.issue(user.username(), user.roles());
        return TokenResponse.bearer(token.value(), token.expiresIn());
    }
}
