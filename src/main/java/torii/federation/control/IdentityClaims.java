package torii.federation.control;

import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.logging.Logger;
import torii.federation.entity.UpstreamFailure;
import torii.federation.entity.UpstreamFailure.Reason;
import torii.federation.entity.UpstreamIdentity;

/**
 * What this service takes from a validated ID token, within the bounds of {@link FederationSettings}: the issuer and
 * subject whole or not at all, a username and an email only whole (a cut one would name someone else), a name cut to
 * length, and at most so many groups, each whole. An email the provider marks unverified is left out.
 */
public final class IdentityClaims {

    private static final Logger LOG = Logger.getLogger(IdentityClaims.class.getName());

    private IdentityClaims() {
    }

    public static UpstreamIdentity identity(String provider, IDTokenClaimsSet claims, String groupsClaim,
            FederationSettings settings) {
        var max = settings.maxClaimLength();
        var issuer = claims.getIssuer().getValue();
        var subject = claims.getSubject().getValue();
        if (subject.isBlank() || subject.length() > max || issuer.length() > 2048) {
            throw new UpstreamFailure(Reason.INVALID_TOKEN, "The ID token of " + provider + " names a subject of "
                    + subject.length() + " characters; at most " + max
                    + " are taken (torii.federation.max-claim-length)");
        }
        var username = whole(claims.getStringClaim("preferred_username"), max);
        var name = cut(claims.getStringClaim("name"), max);
        var email = Boolean.FALSE.equals(claims.getBooleanClaim("email_verified")) ? null
                : whole(claims.getStringClaim("email"), max);
        return new UpstreamIdentity(provider, issuer, subject, username, name, email,
                groups(provider, claims.getClaim(groupsClaim), settings));
    }

    /** A list of names, or a single name; anything else in the claim is no group. */
    static List<String> groups(String provider, Object claim, FederationSettings settings) {
        var values = claim instanceof Collection<?> many ? many : claim == null ? List.of() : List.of(claim);
        var kept = new LinkedHashSet<String>();
        var dropped = 0;
        for (var value : values) {
            if (value instanceof String group && !group.isBlank() && group.length() <= settings.maxClaimLength()
                    && kept.size() < settings.maxGroups()) {
                kept.add(group);
            } else {
                dropped++;
            }
        }
        if (dropped > 0) {
            LOG.info("Left out " + dropped + " groups of a person signing in at " + provider + ": not names, longer "
                    + "than torii.federation.max-claim-length, or past torii.federation.max-groups");
        }
        return new ArrayList<>(kept);
    }

    static String whole(String value, int max) {
        return value == null || value.isBlank() || value.length() > max ? null : value;
    }

    static String cut(String value, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return value.length() <= max ? value : value.substring(0, max);
    }
}
