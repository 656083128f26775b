package torii.gateway.boundary;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jwt.JWTClaimsSet;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.eclipse.microprofile.jwt.JsonWebToken;
import torii.gateway.control.GatewaySettings;
import torii.keys.control.KeyRing;
import torii.platform.control.Refusal.Kind;
import torii.platform.control.Refusal;
import torii.platform.control.Scope;
import torii.platform.control.TokenClaims;
import torii.platform.control.TokenSettings;
import torii.platform.entity.KeysChanged;
import torii.platform.entity.UserChanged;
import torii.platform.entity.UserRemoved;
import torii.users.boundary.Users;

/**
 * The identity passed on to an HTTP application in place of the caller's token: a short-lived JWT signed with the
 * service's signing key, for that application alone ({@code aud}), of type {@value #TYPE} so that this service (which
 * takes only {@code JWT}) never accepts it as an access token. It names the caller ({@code sub}, and a user's
 * {@code name} and {@code email}), their {@code groups}, the application's scope and the client they came through; a
 * client's carries {@code gty} as its access tokens do. One token per caller and application is reused for the first
 * half of its life, so that a call costs a map lookup, not a signature; any change to users or keys forgets them all.
 */
@ApplicationScoped
public class Identities {

    public static final String TYPE = "identity+jwt";
    static final JOSEObjectType JOSE_TYPE = new JOSEObjectType(TYPE);

    record Issued(String token, Instant renewAt) {
    }

    @Inject
    KeyRing keys;

    @Inject
    TokenSettings tokens;

    @Inject
    GatewaySettings settings;

    @Inject
    Users users;

    Clock clock = Clock.systemUTC();

    private final ConcurrentMap<String, Issued> issued = new ConcurrentHashMap<>();

    /** The identity token of the caller for the application; 502 when the signing key is a shared secret. */
    public String of(JsonWebToken caller, String appId) {
        if (!keys.signsPublicly()) {
            throw new Refusal(Kind.UPSTREAM_FAILED, "identity_unavailable", "HTTP applications need an asymmetric "
                    + "signing key (torii.token.algorithm RS256 or ES256), so that they can check who calls", null);
        }
        var groups = new TreeSet<>(caller.getGroups());
        String clientId = caller.getClaim(TokenClaims.CLIENT_ID);
        var key = String.join("\u0000", appId, TokenClaims.ofClient(caller) ? "client" : "user", caller.getName(),
                String.join(",", groups), String.valueOf(clientId));
        var now = clock.instant();
        var known = issued.get(key);
        if (known != null && now.isBefore(known.renewAt())) {
            return known.token();
        }
        var fresh = issue(caller, appId, List.copyOf(groups), clientId, now);
        if (issued.size() >= settings.identityCacheSize()) {
            issued.clear();
        }
        if (settings.identityCacheSize() > 0) {
            issued.put(key, fresh);
        }
        return fresh.token();
    }

    Issued issue(JsonWebToken caller, String appId, List<String> groups, String clientId, Instant now) {
        var issuedAt = now.truncatedTo(ChronoUnit.SECONDS);
        var lifetime = settings.identityLifetime();
        var claims = new JWTClaimsSet.Builder().issuer(tokens.issuer()).audience(appId).subject(caller.getName())
                .issueTime(Date.from(issuedAt)).expirationTime(Date.from(issuedAt.plus(lifetime)))
                .claim("groups", groups).claim(Scope.CLAIM, Scope.app(appId)).claim(TokenClaims.CLIENT_ID, clientId);
        if (TokenClaims.ofClient(caller)) {
            claims.claim(TokenClaims.GRANT, TokenClaims.CLIENT_CREDENTIALS);
        } else {
            users.find(caller.getName()).ifPresent(user -> claims.claim("name", user.fullName())
                    .claim("email", user.email()));
        }
        return new Issued(keys.sign(JOSE_TYPE, claims.build()), issuedAt.plus(lifetime.dividedBy(2)));
    }

    void forget(@Observes(during = TransactionPhase.AFTER_COMPLETION) UserChanged change) {
        issued.clear();
    }

    void forget(@Observes(during = TransactionPhase.AFTER_COMPLETION) UserRemoved change) {
        issued.clear();
    }

    void forget(@Observes(during = TransactionPhase.AFTER_COMPLETION) KeysChanged change) {
        issued.clear();
    }
}
