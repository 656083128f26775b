package torii.tokens.boundary;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.HashSet;
import torii.apps.boundary.Apps;
import torii.audit.boundary.AuditEvent;
import torii.tokens.control.Scope;
import torii.tokens.control.TokenIssuer;
import torii.users.boundary.Logins;
import torii.users.entity.User;

/** Grants access tokens. */
@Stateless
public class Tokens {

    @Inject
    Logins logins;

    @Inject
    Apps apps;

    @Inject
    TokenIssuer issuer;

    /**
     * The resource owner password credentials grant (RFC 6749 section 4.3), throttled per username and client address
     * as its section 4.3.2 asks.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public TokenResponse passwordGrant(TokenRequest request, String clientAddress) {
        var requested = Scope.parse(request.scope());
        if (requested == null) {
            throw TokenErrors.invalidScope("Scopes are separated by spaces and use printable ASCII only");
        }
        var user = logins.authenticate(AuditEvent.LOGIN, request.username(), request.password(), clientAddress)
                .orElseThrow(TokenErrors::invalidGrant);
        var scope = granted(requested, user);
        var token = issuer.issue(user.username(), user.roles(), scope);
        return TokenResponse.bearer(token.value(), token.expiresIn(), scope.toString());
    }

    /** The requested scope within what the user may have; all of that when nothing was asked for. */
    Scope granted(Scope requested, User user) {
        var allowed = new HashSet<String>();
        allowed.add(Scope.ME);
        allowed.add(Scope.ITEMS);
        if (user.roles().contains(User.ADMIN)) {
            allowed.add(Scope.ADMIN);
        }
        apps.usableBy(user.username(), user.roles()).forEach(app -> allowed.add(Scope.app(app.id())));
        var mayHave = new Scope(allowed);
        if (requested.isEmpty()) {
            return mayHave;
        }
        var granted = requested.within(mayHave);
        if (granted.isEmpty()) {
            throw TokenErrors.invalidScope("None of the requested scopes can be granted to this user");
        }
        return granted;
    }
}
