package torii.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/** Builds tokens at test time, signed with a known secret, valid unless a test breaks them on purpose. */
public record TestTokens(byte[] secret, String issuer) {

    public static final String DEFAULT_ISSUER = "http://localhost:8080";

    /** Tokens signed with this run's secret, the one the server under test was given. */
    public static TestTokens ofTestSecret() {
        return new TestTokens(TestSecret.value().getBytes(StandardCharsets.UTF_8), DEFAULT_ISSUER);
    }

    /** The claims of a valid token for the subject: the ones the service issues. */
    public JWTClaimsSet.Builder claims(String subject) {
        var now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(subject)
                .claim("upn", subject)
                .claim("groups", List.of("user"))
                .claim("scope", "items me")
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(30))))
                .jwtID(UUID.randomUUID().toString());
    }

    public String valid(String subject) {
        return sign(claims(subject).build());
    }

    public String sign(JWTClaimsSet claims) {
        return sign(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(), claims, secret);
    }

    public static String sign(JWSHeader header, JWTClaimsSet claims, byte[] key) {
        var jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(new MACSigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }
}
