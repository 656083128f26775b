package torii.tokens.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.gen.OctetSequenceKeyGenerator;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import torii.testing.Breakage;
import torii.testing.TestTokens;

class TokenVerifierTest {

    TestTokens tokens;
    KeyRing ring;
    TokenVerifier verifier;

    @BeforeEach
    void keys() throws Exception {
        var key = new OctetSequenceKeyGenerator(512).generate();
        tokens = new TestTokens(key.toByteArray(), TestTokens.DEFAULT_ISSUER);
        ring = new KeyRing();
        ring.use(new OctetSequenceKey.Builder(key.toByteArray()).keyID("k1").build());
        verifier = new TokenVerifier(ring, TestTokens.DEFAULT_ISSUER, 60);
    }

    @Test
    void validTokenExposesItsClaimsThroughTheMicroProfileApi() {
        var token = verifier.verify(tokens.valid("johndoe")).orElseThrow();
        assertEquals("johndoe", token.getName());
        assertEquals("johndoe", token.getSubject());
        assertEquals(TestTokens.DEFAULT_ISSUER, token.getIssuer());
        assertEquals(Set.of("user"), token.getGroups());
        assertTrue(token.getExpirationTime() > token.getIssuedAtTime());
    }

    @ParameterizedTest
    @EnumSource(Breakage.class)
    void brokenTokenIsRefused(Breakage breakage) {
        assertTrue(verifier.verify(breakage.token(tokens, "johndoe")).isEmpty(), breakage.name());
    }

    @Test
    void tokenExpiredWithinTheClockSkewIsAccepted() {
        var now = Instant.now();
        var token = tokens.sign(tokens.claims("johndoe").expirationTime(Date.from(now.minusSeconds(30))).build());
        assertTrue(verifier.verify(token).isPresent());
    }

    @Test
    void tokenWithoutTypeHeaderIsAccepted() {
        var token = TestTokens.sign(new JWSHeader.Builder(JWSAlgorithm.HS256).build(), tokens.claims("johndoe").build(),
                tokens.secret());
        assertTrue(verifier.verify(token).isPresent());
    }

    @Test
    void tokenOfTheFutureWithinItsLifetimeIsAccepted() {
        var now = Instant.now();
        var token = tokens.sign(tokens.claims("johndoe").issueTime(Date.from(now.minus(Duration.ofMinutes(10))))
                .build());
        assertTrue(verifier.verify(token).isPresent());
    }

    @Test
    void blankTokenIsRefused() {
        assertTrue(verifier.verify("").isEmpty());
    }

    @Test
    void oversizedTokenIsRefusedBeforeParsing() {
        var huge = tokens.sign(tokens.claims("johndoe").claim("padding", "x".repeat(TokenVerifier.MAX_TOKEN_LENGTH))
                .build());
        assertTrue(verifier.verify(huge).isEmpty());
    }

    @Test
    void typeJwtIsTheOnlyTypeAccepted() {
        var token = TestTokens.sign(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JOSE).build(),
                tokens.claims("johndoe").build(), tokens.secret());
        assertTrue(verifier.verify(token).isEmpty());
    }

    @Test
    void rememberedTokenIsRefusedOnceItExpires() {
        var token = tokens.valid("johndoe");
        assertTrue(verifier.verify(token).isPresent());
        verifier.clock = Clock.fixed(Instant.now().plus(Duration.ofMinutes(32)), ZoneOffset.UTC);
        assertTrue(verifier.verify(token).isEmpty());
    }

    @Test
    void rememberedTokenIsVerifiedAfreshWhenTheKeysChange() throws Exception {
        var token = tokens.valid("johndoe");
        assertTrue(verifier.verify(token).isPresent());
        ring.use(new OctetSequenceKeyGenerator(256).keyID("k2").generate());
        assertTrue(verifier.verify(token).isEmpty());
    }

    @Test
    void repeatedTokenGivesTheSameAnswer() {
        var token = tokens.valid("johndoe");
        assertEquals(verifier.verify(token).orElseThrow().getTokenID(), verifier.verify(token).orElseThrow().getTokenID());
        var broken = Breakage.WRONGLY_SIGNED.token(tokens, "johndoe");
        assertTrue(verifier.verify(broken).isEmpty());
        assertTrue(verifier.verify(broken).isEmpty());
    }
}
