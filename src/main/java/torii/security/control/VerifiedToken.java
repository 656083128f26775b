package torii.security.control;

import com.nimbusds.jwt.JWTClaimsSet;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** A token whose signature and claims have been verified, seen through the MicroProfile JWT API. */
public class VerifiedToken implements JsonWebToken {

    private final String raw;
    private final JWTClaimsSet claims;

    VerifiedToken(String raw, JWTClaimsSet claims) {
        this.raw = raw;
        this.claims = claims;
    }

    /** MicroProfile JWT's rule: {@code upn}, else {@code preferred_username}, else {@code sub}. */
    @Override
    public String getName() {
        for (var claim : List.of(Claims.upn, Claims.preferred_username, Claims.sub)) {
            var value = claims.getClaim(claim.name());
            if (value instanceof String name) {
                return name;
            }
        }
        return null;
    }

    @Override
    public Set<String> getClaimNames() {
        var names = new HashSet<>(claims.getClaims().keySet());
        names.add(Claims.raw_token.name());
        return names;
    }

    /** Values in the types the MicroProfile JWT API promises: seconds for times, a set for groups and audiences. */
    @Override
    @SuppressWarnings("unchecked")
    public <T> T getClaim(String name) {
        var value = claims.getClaim(name);
        if (name.equals(Claims.raw_token.name())) {
            return (T) raw;
        }
        if (value instanceof Date date) {
            return (T) Long.valueOf(date.getTime() / 1000);
        }
        if (value instanceof List<?> list && (name.equals(Claims.groups.name()) || name.equals(Claims.aud.name()))) {
            return (T) list.stream().filter(String.class::isInstance).map(String.class::cast)
                    .collect(Collectors.toUnmodifiableSet());
        }
        if (value instanceof String single && name.equals(Claims.aud.name())) {
            return (T) Set.of(single);
        }
        return (T) value;
    }

    @Override
    public Set<String> getGroups() {
        Set<String> groups = getClaim(Claims.groups.name());
        return groups == null ? Set.of() : groups;
    }

    @Override
    public String toString() {
        // The raw token is a credential: never let it reach a log through toString.
        return "VerifiedToken[sub=" + claims.getSubject() + ", jti=" + claims.getJWTID() + "]";
    }
}
