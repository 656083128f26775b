package torii.tokens.control;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.openid.connect.sdk.claims.AccessTokenHash;
import com.nimbusds.jwt.JWTClaimsSet;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.jwt.Claims;
import torii.keys.control.KeyRing;
import torii.platform.control.Scope;
import torii.platform.control.TokenClaims;
import torii.platform.control.TokenSettings;
import torii.users.entity.User;

/**
 * Signs access tokens with the claims MicroProfile JWT consumers expect (iss, sub, upn, groups, iat, exp, jti), the
 * client they were issued to ({@code client_id}), their {@code scope}, the refresh-token family they descend from
 * ({@code sid}), by which a logout denies them all, and the user's {@code stamp}, by which a new password, a disable or a
 * deletion ends them all.
 */
@ApplicationScoped
public class TokenIssuer {

    @Inject
    KeyRing keys;

    @Inject
    TokenSettings settings;

    Clock clock = Clock.systemUTC();

    public TokenIssuer() {
    }

    TokenIssuer(KeyRing keys, TokenSettings settings, Clock clock) {
        this.keys = keys;
        this.settings = settings;
        this.clock = clock;
    }

    /** A user's token, of a login session. */
    public IssuedToken issue(String subject, Set<String> groups, String stamp, String clientId, String scope,
            String session) {
        return issue(subject, groups, stamp, clientId, scope, session, null);
    }

    /**
     * A client's own token (RFC 6749 section 4.4): its subject is the client, it holds no groups and belongs to no
     * session, and its {@code gty} claim keeps it from being taken for a user's token of the same name.
     */
    public IssuedToken issueForClient(String clientId, String stamp, String scope) {
        return issue(clientId, Set.of(), stamp, clientId, scope, null, TokenClaims.CLIENT_CREDENTIALS);
    }

    IssuedToken issue(String subject, Set<String> groups, String stamp, String clientId, String scope, String session,
            String grant) {
        var now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        var lifetime = settings.accessTokenLifetime();
        var claims = new JWTClaimsSet.Builder()
                .issuer(settings.issuer())
                .subject(subject)
                .claim(Claims.upn.name(), subject)
                .claim(Claims.groups.name(), List.copyOf(groups))
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime)))
                .jwtID(UUID.randomUUID().toString())
                .claim(TokenClaims.CLIENT_ID, clientId)
                .claim(Scope.CLAIM, scope)
                .claim(TokenClaims.SESSION, session)
                .claim(TokenClaims.STAMP, stamp.isEmpty() ? null : stamp)
                .claim(TokenClaims.GRANT, grant)
                .build();
        return new IssuedToken(keys.sign(JOSEObjectType.JWT, claims), lifetime.toSeconds());
    }

    /**
     * An OpenID Connect ID token (Core section 2) for the client, signed as access tokens are: who the user is, when
     * they logged in, the nonce of the authorization request, and the hash of the access token issued with it
     * ({@code at_hash}); the name with the {@code profile} scope, the e-mail address with {@code email}.
     */
    public String issueIdToken(User user, String clientId, Scope scope, String nonce, Instant authTime,
            String loginId, String accessToken) {
        var now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        var claims = new JWTClaimsSet.Builder()
                .issuer(settings.issuer())
                .subject(user.username())
                .audience(clientId)
                .claim("azp", clientId)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(settings.accessTokenLifetime())))
                .claim("auth_time", authTime.getEpochSecond())
                .claim("nonce", nonce)
                .claim("sid", loginId)
                .claim("at_hash", AccessTokenHash.compute(new BearerAccessToken(accessToken),
                        JWSAlgorithm.parse(keys.signingKey().getAlgorithm().getName())).getValue());
        if (scope.values().contains(Scope.PROFILE)) {
            claims.claim("preferred_username", user.username())
                    .claim("name", user.fullName())
                    .claim(Claims.groups.name(), List.copyOf(user.roles()));
        }
        if (scope.values().contains(Scope.EMAIL) && user.email() != null) {
            // Administrators type the address; nobody proves it here.
            claims.claim("email", user.email()).claim("email_verified", false);
        }
        return keys.sign(JOSEObjectType.JWT, claims.build());
    }

    /** A signed access token and the seconds it stays valid. */
    public record IssuedToken(String value, long expiresIn) {
    }
}
