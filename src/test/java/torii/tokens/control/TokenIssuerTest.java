package torii.tokens.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.gen.OctetSequenceKeyGenerator;
import com.nimbusds.jwt.SignedJWT;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TokenIssuerTest {

    static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    KeyRing ring = new KeyRing();
    TokenIssuer issuer;

    @BeforeEach
    void keys() throws Exception {
        OctetSequenceKey key = new OctetSequenceKeyGenerator(256).keyID("k1").generate();
        ring.use(key);
        issuer = new TokenIssuer(ring, "https://torii.example", 30, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void tokenCarriesTheClaimsMicroProfileJwtConsumersNeed() throws Exception {
        var issued = issuer.issue("johndoe", Set.of("user"), Scope.parse("me items"));
        var claims = SignedJWT.parse(issued.value()).getJWTClaimsSet();
        assertEquals("https://torii.example", claims.getIssuer());
        assertEquals("johndoe", claims.getSubject());
        assertEquals("johndoe", claims.getStringClaim("upn"));
        assertEquals(List.of("user"), claims.getStringListClaim("groups"));
        assertEquals(NOW, claims.getIssueTime().toInstant());
        assertEquals("items me", claims.getStringClaim("scope"));
        assertEquals(NOW.plusSeconds(1800), claims.getExpirationTime().toInstant());
    }

    @Test
    void expiresInThirtyMinutesByDefault() {
        assertEquals(1800, issuer.issue("johndoe", Set.of(), Scope.parse("me")).expiresIn());
    }

    @Test
    void headerNamesTypeAlgorithmAndKey() throws Exception {
        var header = SignedJWT.parse(issuer.issue("johndoe", Set.of(), Scope.parse("me")).value()).getHeader();
        assertEquals(JWSAlgorithm.HS256, header.getAlgorithm());
        assertEquals(JOSEObjectType.JWT, header.getType());
        assertEquals("k1", header.getKeyID());
    }

    @Test
    void everyTokenHasItsOwnId() throws Exception {
        var first = SignedJWT.parse(issuer.issue("johndoe", Set.of(), Scope.parse("me")).value()).getJWTClaimsSet().getJWTID();
        var second = SignedJWT.parse(issuer.issue("johndoe", Set.of(), Scope.parse("me")).value()).getJWTClaimsSet().getJWTID();
        assertNotEquals(first, second);
    }

    @Test
    void issuedTokenPassesVerification() {
        var verifier = new TokenVerifier(ring, "https://torii.example", 60);
        var clockless = new TokenIssuer(ring, "https://torii.example", 30, Clock.systemUTC());
        assertEquals("johndoe", verifier.verify(clockless.issue("johndoe", Set.of(), Scope.parse("me")).value()).orElseThrow().getName());
    }

    @Test
    void lifetimeBelowOneMinuteIsRefused() {
        assertThrows(IllegalStateException.class,
                () -> new TokenIssuer(ring, "https://torii.example", 0, Clock.fixed(NOW, ZoneOffset.UTC)));
    }
}
