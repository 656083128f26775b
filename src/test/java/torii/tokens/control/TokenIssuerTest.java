package torii.tokens.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
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
    void keys() {
        ring.use(KeyMaterial.generate(JWSAlgorithm.RS256));
        issuer = new TokenIssuer(ring, "https://torii.example", 30, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    String issue() {
        return issuer.issue("johndoe", Set.of("user"), "stamp", "docs", "items me", "s1").value();
    }

    @Test
    void tokenCarriesTheClaimsMicroProfileJwtConsumersNeed() throws Exception {
        var claims = SignedJWT.parse(issue()).getJWTClaimsSet();
        assertEquals("https://torii.example", claims.getIssuer());
        assertEquals("johndoe", claims.getSubject());
        assertEquals("johndoe", claims.getStringClaim("upn"));
        assertEquals(List.of("user"), claims.getStringListClaim("groups"));
        assertEquals(NOW, claims.getIssueTime().toInstant());
        assertEquals("items me", claims.getStringClaim("scope"));
        assertEquals(NOW.plusSeconds(1800), claims.getExpirationTime().toInstant());
    }

    @Test
    void tokenNamesItsClientScopeAndSession() throws Exception {
        var claims = SignedJWT.parse(issue()).getJWTClaimsSet();
        assertEquals("docs", claims.getStringClaim("client_id"));
        assertEquals("items me", claims.getStringClaim("scope"));
        assertEquals("s1", claims.getStringClaim("sid"));
    }

    @Test
    void expiresInThirtyMinutesByDefault() {
        assertEquals(1800, issuer.issue("johndoe", Set.of(), "stamp", "docs", "", "s1").expiresIn());
    }

    @Test
    void headerNamesTypeAlgorithmAndKey() throws Exception {
        var header = SignedJWT.parse(issue()).getHeader();
        assertEquals(JWSAlgorithm.RS256, header.getAlgorithm());
        assertEquals(JOSEObjectType.JWT, header.getType());
        assertEquals(ring.signingKey().getKeyID(), header.getKeyID());
    }

    @Test
    void rs256TokenVerifiesWithThePublishedKey() throws Exception {
        var published = ring.publicKeys().getKeys().get(0).toRSAKey();
        assertTrue(SignedJWT.parse(issue()).verify(new RSASSAVerifier(published)));
    }

    @Test
    void es256TokenVerifiesWithThePublishedKey() throws Exception {
        ring.use(KeyMaterial.generate(JWSAlgorithm.ES256));
        var jwt = SignedJWT.parse(issue());
        assertEquals(JWSAlgorithm.ES256, jwt.getHeader().getAlgorithm());
        assertTrue(jwt.verify(new ECDSAVerifier(ring.publicKeys().getKeys().get(0).toECKey())));
    }

    @Test
    void everyTokenHasItsOwnId() throws Exception {
        var first = SignedJWT.parse(issue()).getJWTClaimsSet().getJWTID();
        var second = SignedJWT.parse(issue()).getJWTClaimsSet().getJWTID();
        assertNotEquals(first, second);
    }

    @Test
    void issuedTokenPassesVerification() {
        var verifier = new TokenVerifier(ring, new DenyList(), "RS256", "https://torii.example", 60);
        var clockless = new TokenIssuer(ring, "https://torii.example", 30, Clock.systemUTC());
        var token = clockless.issue("johndoe", Set.of(), "stamp", "docs", "", "s1").value();
        assertEquals("johndoe", verifier.verify(token).orElseThrow().getName());
    }

    @Test
    void lifetimeBelowOneMinuteIsRefused() {
        assertThrows(IllegalStateException.class,
                () -> new TokenIssuer(ring, "https://torii.example", 0, Clock.fixed(NOW, ZoneOffset.UTC)));
    }
}
