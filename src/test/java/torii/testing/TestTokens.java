package torii.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/** Builds tokens at test time, signed with a known RSA key, valid unless a test breaks them on purpose. */
public record TestTokens(RSAKey key, String issuer, String stamp) {

    public static final String DEFAULT_ISSUER = "http://localhost:8080";

    /** Tokens signed with this run's key, the one the server under test was given. */
    public TestTokens(RSAKey key, String issuer) {
        this(key, issuer, null);
    }

    public static TestTokens ofTestKey() {
        return new TestTokens(TestKey.key(), DEFAULT_ISSUER);
    }

    /** Tokens that carry this user stamp, as the service's tokens of that user do. */
    public TestTokens stamped(String userStamp) {
        return new TestTokens(key, issuer, userStamp);
    }

    /** The stamp a token of the service carries. */
    public static String stampOf(String token) {
        try {
            return com.nimbusds.jwt.SignedJWT.parse(token).getJWTClaimsSet().getStringClaim("stamp");
        } catch (java.text.ParseException e) {
            throw new IllegalArgumentException(e);
        }
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
                .jwtID(UUID.randomUUID().toString())
                .claim("stamp", stamp);
    }

    public JWSHeader.Builder header() {
        return new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).keyID(key.getKeyID());
    }

    public String valid(String subject) {
        return sign(claims(subject).build());
    }

    public String sign(JWTClaimsSet claims) {
        return sign(header().build(), claims);
    }

    public String sign(JWSHeader header, JWTClaimsSet claims) {
        try {
            return sign(header, claims, new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String sign(JWSHeader header, JWTClaimsSet claims, byte[] secret) {
        try {
            return sign(header, claims, new MACSigner(secret));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String sign(JWSHeader header, JWTClaimsSet claims, JWSSigner signer) {
        var jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }
}
