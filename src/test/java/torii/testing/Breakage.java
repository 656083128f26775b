package torii.testing;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
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
    WRONGLY_SIGNED((tokens, subject) -> new TestTokens(otherKey(tokens.key().getKeyID()), tokens.issuer())
            .valid(subject)),
    UNKNOWN_KEY((tokens, subject) -> new TestTokens(otherKey("no-such-key"), tokens.issuer()).valid(subject)),
    ALG_NONE((tokens, subject) -> new PlainJWT(tokens.claims(subject).build()).serialize()),
    DISALLOWED_ALGORITHM((tokens, subject) -> tokens.sign(
            new JWSHeader.Builder(JWSAlgorithm.RS512).type(JOSEObjectType.JWT).keyID(tokens.key().getKeyID()).build(),
            tokens.claims(subject).build())),
    ALGORITHM_CONFUSION((tokens, subject) -> {
        // The public key, which anyone can fetch, used as an HMAC secret: a verifier that lets the token choose
        // its algorithm would accept this.
        try {
            return TestTokens.sign(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT)
                    .keyID(tokens.key().getKeyID()).build(), tokens.claims(subject).build(),
                    tokens.key().toPublicKey().getEncoded());
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }),
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
    WRONG_TYPE((tokens, subject) -> tokens.sign(
            // A security event token (RFC 8417) is signed like an access token but must never pass for one.
            tokens.header().type(new JOSEObjectType("secevent+jwt")).build(), tokens.claims(subject).build()));

    public static RSAKey otherKey(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private final BiFunction<TestTokens, String, String> maker;

    Breakage(BiFunction<TestTokens, String, String> maker) {
        this.maker = maker;
    }

    public String token(TestTokens tokens, String subject) {
        return maker.apply(tokens, subject);
    }
}
