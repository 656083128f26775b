package torii.security.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import torii.keys.control.KeyRing;
import torii.platform.control.TokenClaims;
import torii.platform.control.TokenSettings;
import torii.testing.Breakage;
import torii.testing.TestTokens;

class TokenVerifierTest {

    static RSAKey key;
    TestTokens tokens;
    KeyRing ring;
    DenyList denied;
    TokenVerifier verifier;

    @BeforeAll
    static void generate() throws Exception {
        key = rsa("k1");
    }

    static RSAKey rsa(String kid) throws Exception {
        return new RSAKeyGenerator(2048).keyID(kid).algorithm(JWSAlgorithm.RS256).keyUse(KeyUse.SIGNATURE).generate();
    }

    @BeforeEach
    void keys() {
        tokens = new TestTokens(key, TestTokens.DEFAULT_ISSUER);
        ring = new KeyRing();
        ring.use(key);
        denied = new DenyList();
        verifier = new TokenVerifier(ring, denied, new TokenSettings(TestTokens.DEFAULT_ISSUER, 30, 60, "RS256"));
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
        var token = tokens.sign(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").build(),
                tokens.claims("johndoe").build());
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
        var token = tokens.sign(tokens.header().type(JOSEObjectType.JOSE).build(), tokens.claims("johndoe").build());
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
        ring.use(rsa("k2"));
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

    @Test
    void theMemoryOfVerifiedTokensNeverHoldsMoreThanItsSize() {
        var small = new TokenVerifier(ring, denied, new TokenSettings(TestTokens.DEFAULT_ISSUER, 30, 60, "RS256", 2));
        for (var name : List.of("a", "b", "c", "d", "e")) {
            var token = tokens.valid(name);
            assertEquals(name, small.verify(token).orElseThrow().getName());
            assertTrue(small.remembered() <= 2);
            // Once remembered, it passes from the memory as it passed the checks.
            assertEquals(name, small.verify(token).orElseThrow().getName());
        }
    }

    @Test
    void aMemoryOfSizeZeroRemembersNoTokenAndStillVerifies() {
        var none = new TokenVerifier(ring, denied, new TokenSettings(TestTokens.DEFAULT_ISSUER, 30, 60, "RS256", 0));
        var token = tokens.valid("johndoe");
        assertTrue(none.verify(token).isPresent());
        assertTrue(none.verify(token).isPresent());
        assertEquals(0, none.remembered());
    }

    @Test
    void aNegativeMemorySizeIsRefused() {
        assertThrows(IllegalStateException.class,
                () -> new TokenSettings(TestTokens.DEFAULT_ISSUER, 30, 60, "RS256", -1));
    }

    @Test
    void deniedTokenIsRefusedEvenWhenRemembered() {
        var token = tokens.valid("johndoe");
        var jti = verifier.verify(token).orElseThrow().getTokenID();
        denied.add(jti, Instant.now().plus(Duration.ofHours(1)));
        assertTrue(verifier.verify(token).isEmpty());
    }

    @Test
    void tokenOfAnEndedSessionIsRefused() {
        var token = tokens.sign(tokens.claims("johndoe").claim(TokenClaims.SESSION, "s1").build());
        assertTrue(verifier.verify(token).isPresent());
        denied.add("s1", Instant.now().plus(Duration.ofHours(1)));
        assertTrue(verifier.verify(token).isEmpty());
    }

    @Test
    void tokenOfAKeyMadeElsewhereIsAcceptedAfterAReload() throws Exception {
        var newer = rsa("k2");
        var reloads = new AtomicInteger();
        ring.reloadWith(() -> {
            reloads.incrementAndGet();
            ring.use(newer, List.of(newer, key));
        });
        var token = new TestTokens(newer, TestTokens.DEFAULT_ISSUER).valid("johndoe");
        assertTrue(verifier.verify(token).isPresent());
        assertEquals(1, reloads.get());
    }

    @Test
    void unknownKeysReloadAtMostOncePerInterval() {
        var reloads = new AtomicInteger();
        ring.reloadWith(reloads::incrementAndGet);
        assertTrue(verifier.verify(Breakage.UNKNOWN_KEY.token(tokens, "johndoe")).isEmpty());
        assertTrue(verifier.verify(Breakage.UNKNOWN_KEY.token(tokens, "johndoe")).isEmpty());
        assertEquals(1, reloads.get());
    }

    @Test
    void hs256VerifiesWithTheSharedSecretWhenConfigured() throws Exception {
        var secret = new com.nimbusds.jose.jwk.gen.OctetSequenceKeyGenerator(256).keyID("configured")
                .algorithm(JWSAlgorithm.HS256).generate();
        ring.use(secret);
        var hs256 = new TokenVerifier(ring, denied, new TokenSettings(TestTokens.DEFAULT_ISSUER, 30, 60, "HS256"));
        var token = TestTokens.sign(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(),
                tokens.claims("johndoe").build(), secret.toByteArray());
        assertTrue(hs256.verify(token).isPresent());
        assertTrue(hs256.verify(tokens.valid("johndoe")).isEmpty());
    }
}
