package torii.testing;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.PlainJWT;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.function.BiFunction;

/** The ways a token can be wrong; each makes, for a subject, a token the service must refuse. */
public enum Breakage {

    MALFORMED((tokens, subject) -> "not-a-token"),
    TRUNCATED((tokens, subject) -> {
        var valid = tokens.valid(subject);
        return valid.substring(0, valid.lastIndexOf('.'));
    }),
    TAMPERED((tokens, subject) -> {
        // A valid token whose payload is swapped for one naming another user, the signature left as it was.
        var parts = tokens.valid("someone-else").split("\\.");
        var payload = Base64URL.encode(tokens.claims(subject).build().toString());
        return parts[0] + "." + payload + "." + parts[2];
    }),
    WRONGLY_SIGNED((tokens, subject) -> {
        var otherKey = new byte[64];
        new SecureRandom().nextBytes(otherKey);
        return TestTokens.sign(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(),
                tokens.claims(subject).build(), otherKey);
    }),
    ALG_NONE((tokens, subject) -> new PlainJWT(tokens.claims(subject).build()).serialize()),
    DISALLOWED_ALGORITHM((tokens, subject) -> TestTokens.sign(
            new JWSHeader.Builder(JWSAlgorithm.HS512).type(JOSEObjectType.JWT).build(),
            tokens.claims(subject).build(), tokens.secret())),
    EXPIRED((tokens, subject) -> {
        // Expired by more than the default clock skew of 60 seconds.
        var now = Instant.now();
        return tokens.sign(tokens.claims(subject).issueTime(Date.from(now.minus(Duration.ofMinutes(32))))
                .expirationTime(Date.from(now.minus(Duration.ofMinutes(2)))).build());
    }),
    MISSING_EXP((tokens, subject) -> tokens.sign(tokens.claims(subject).expirationTime(null).build())),
    MISSING_SUB((tokens, subject) -> tokens.sign(tokens.claims(subject).subject(null).build())),
    MISSING_IAT((tokens, subject) -> tokens.sign(tokens.claims(subject).issueTime(null).build())),
    MISSING_JTI((tokens, subject) -> tokens.sign(tokens.claims(subject).jwtID(null).build())),
    WRONG_ISSUER((tokens, subject) -> tokens.sign(tokens.claims(subject).issuer("https://attacker.example").build())),
    MISSING_ISSUER((tokens, subject) -> tokens.sign(tokens.claims(subject).issuer(null).build())),
    WRONG_TYPE((tokens, subject) -> TestTokens.sign(
            // A security event token (RFC 8417) is signed like an access token but must never pass for one.
            new JWSHeader.Builder(JWSAlgorithm.HS256).type(new JOSEObjectType("secevent+jwt")).build(),
            tokens.claims(subject).build(), tokens.secret()));

    private final BiFunction<TestTokens, String, String> maker;

    Breakage(BiFunction<TestTokens, String, String> maker) {
        this.maker = maker;
    }

    public String token(TestTokens tokens, String subject) {
        return maker.apply(tokens, subject);
    }
}
