package torii.tokens.control;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Signs access tokens with the claims MicroProfile JWT consumers expect (iss, sub, upn, groups, iat, exp, jti), the
 * client they were issued to ({@code client_id}), their {@code scope}, the refresh-token family they descend from
 * ({@code sid}), by which a logout denies them all, and the user's {@code stamp}, by which a new password, a disable or a
 * deletion ends them all.
 */
@ApplicationScoped
public class TokenIssuer {

    /** Where the demo run serves; set mp.jwt.verify.issuer to the service's public URL in production. */
    public static final String DEFAULT_ISSUER = "http://localhost:8080";

    @Inject
    KeyRing keys;

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.issuer", defaultValue = DEFAULT_ISSUER)
    String issuer;

    @Inject
    @ConfigProperty(name = "torii.token.expire-minutes", defaultValue = "30")
    long expireMinutes;

    Clock clock = Clock.systemUTC();

    public TokenIssuer() {
    }

    TokenIssuer(KeyRing keys, String issuer, long expireMinutes, Clock clock) {
        this.keys = keys;
        this.issuer = issuer;
        this.expireMinutes = expireMinutes;
        this.clock = clock;
        init();
    }

    @PostConstruct
    void init() {
        if (expireMinutes < 1) {
            throw new IllegalStateException("torii.token.expire-minutes must be at least 1, was " + expireMinutes);
        }
    }

    /** Created at start, so that a wrong setting stops the deployment instead of failing the first request. */
    void atStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
        // Observing the event is enough: it makes the container create this bean now.
    }

    /** The claim naming the login session (the refresh-token family) a token belongs to, as OpenID Connect names it. */
    public static final String SESSION = "sid";
    public static final String CLIENT_ID = "client_id";
    /** The claim holding the user's stamp when the token was issued; a token whose stamp is not the user's is dead. */
    public static final String STAMP = "stamp";

    /** The stamp a token carries; empty if it carries none. */
    public static String stampOf(JsonWebToken token) {
        return token.getClaim(STAMP) instanceof String stamp ? stamp : "";
    }

    public IssuedToken issue(String subject, Set<String> groups, String stamp, String clientId, String scope,
            String session) {
        var now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        var lifetime = Duration.ofMinutes(expireMinutes);
        var claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(subject)
                .claim(Claims.upn.name(), subject)
                .claim(Claims.groups.name(), List.copyOf(groups))
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime)))
                .jwtID(UUID.randomUUID().toString())
                .claim(CLIENT_ID, clientId)
                .claim(Scope.CLAIM, scope)
                .claim(SESSION, session)
                .claim(STAMP, stamp.isEmpty() ? null : stamp)
                .build();
        var key = keys.signingKey();
        var header = new JWSHeader.Builder(JWSAlgorithm.parse(key.getAlgorithm().getName())).type(JOSEObjectType.JWT)
                .keyID(key.getKeyID()).build();
        var jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(signerOf(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign a token", e);
        }
        return new IssuedToken(jwt.serialize(), lifetime.toSeconds());
    }

    /** The signer of the current key, made once per key: turning a JWK into a private key costs more than signing. */
    private volatile Signer current;

    JWSSigner signerOf(JWK key) throws JOSEException {
        var known = current;
        if (known == null || known.key() != key) {
            known = new Signer(key, signer(key));
            current = known;
        }
        return known.signer();
    }

    private record Signer(JWK key, JWSSigner signer) {
    }

    static JWSSigner signer(JWK key) throws JOSEException {
        if (key instanceof OctetSequenceKey secret) {
            return new MACSigner(secret);
        }
        return key instanceof ECKey ec ? new ECDSASigner(ec) : new RSASSASigner(key.toRSAKey());
    }

    /** A signed access token and the seconds it stays valid. */
    public record IssuedToken(String value, long expiresIn) {
    }
}
