package torii.apikeys.control;

import java.util.Set;
import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;
import torii.apps.entity.Limits;
import torii.platform.control.Scope;
import torii.platform.control.TokenClaims;

/**
 * The caller of a request made with an API key, in the shape of a token, so that everything after authentication
 * treats both alike: the key's user with their roles, the scope of the key's applications, and the key's limits. It is
 * no JWT: it has no issuer, no token id and no session.
 */
public record KeyCaller(String keyId, String username, Set<String> groups, String scope, long expiresAt,
        Limits limits) implements JsonWebToken {

    @Override
    public String getName() {
        return username;
    }

    @Override
    public Set<String> getClaimNames() {
        return Set.of(Claims.sub.name(), Claims.upn.name(), Claims.groups.name(), Claims.exp.name(), Scope.CLAIM,
                TokenClaims.API_KEY, TokenClaims.API_KEY_LIMITS);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T getClaim(String claimName) {
        Object value = switch (claimName) {
            case "sub", "upn" -> username;
            case "groups" -> groups;
            case "exp" -> expiresAt;
            case Scope.CLAIM -> scope;
            case TokenClaims.API_KEY -> keyId;
            case TokenClaims.API_KEY_LIMITS -> limits;
            default -> null;
        };
        return (T) value;
    }

    @Override
    public String toString() {
        return "KeyCaller[" + keyId + ", " + username + "]";
    }
}
