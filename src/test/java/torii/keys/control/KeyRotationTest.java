package torii.keys.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import torii.keys.entity.SigningKey;

class KeyRotationTest {

    static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    static final Duration TOKEN_LIFETIME = Duration.ofMinutes(32);

    KeyRotation rotation = new KeyRotation(Duration.ofDays(30), TOKEN_LIFETIME);

    static SigningKey stored(String kid, Instant created) {
        return new SigningKey(kid, "RS256", KeyMaterial.generate(JWSAlgorithm.RS256).toJSONString(), created);
    }

    static List<String> kids(List<SigningKey> keys) {
        return keys.stream().map(SigningKey::kid).toList();
    }

    @Test
    void nothingStoredMeansANewKeyIsDue() {
        assertTrue(rotation.choose(List.of(), START).signer().isEmpty());
    }

    @Test
    void newestKeyThatIsNotRetiredSigns() {
        var older = stored("k1", START);
        var newer = stored("k2", START.plusSeconds(60));
        var choice = rotation.choose(List.of(older, newer), START.plusSeconds(120));
        assertEquals("k2", choice.signer().orElseThrow().kid());
        assertEquals(List.of("k1", "k2"), kids(choice.verifiers()));
    }

    @Test
    void signerPastItsMaximumAgeIsDueForReplacement() {
        var old = stored("k1", START);
        assertTrue(rotation.choose(List.of(old), START.plus(Duration.ofDays(30))).signer().isEmpty());
        assertEquals(List.of("k1"), kids(rotation.choose(List.of(old), START.plus(Duration.ofDays(30))).verifiers()),
                "a key too old to sign still verifies until it is retired and its tokens expire");
    }

    @Test
    void retiredKeyVerifiesUntilItsLastTokenExpiresAndThenLeaves() {
        var old = stored("k1", START);
        var rotatedAt = START.plus(Duration.ofDays(1));
        old.retire(rotatedAt);
        var next = stored("k2", rotatedAt);
        var justBefore = rotation.choose(List.of(old, next), rotatedAt.plus(TOKEN_LIFETIME).minusSeconds(1));
        assertEquals("k2", justBefore.signer().orElseThrow().kid());
        assertEquals(List.of("k1", "k2"), kids(justBefore.verifiers()));
        var after = rotation.choose(List.of(old, next), rotatedAt.plus(TOKEN_LIFETIME));
        assertEquals(List.of("k2"), kids(after.verifiers()));
        assertEquals(List.of("k1"), kids(after.expired()));
    }

    @Test
    void retiringTwiceKeepsTheFirstMoment() {
        var key = stored("k1", START);
        key.retire(START.plusSeconds(10));
        key.retire(START.plus(Duration.ofDays(1)));
        assertTrue(!key.verifiesAt(START.plusSeconds(10).plus(TOKEN_LIFETIME), TOKEN_LIFETIME));
    }

    @Test
    void ringPublishesPublicHalvesOfEveryVerifyingKey() throws ParseException {
        var ring = new KeyRing();
        var signer = KeyMaterial.generate(JWSAlgorithm.RS256);
        var previous = KeyMaterial.generate(JWSAlgorithm.RS256);
        ring.use(signer, List.of(signer, previous));
        var published = ring.publicKeys().getKeys();
        assertEquals(List.of(signer.getKeyID(), previous.getKeyID()), published.stream().map(JWK::getKeyID).toList());
        assertTrue(published.stream().noneMatch(JWK::isPrivate));
    }

    @Test
    void ringNeverPublishesASharedSecret() {
        var ring = new KeyRing();
        ring.use(KeyMaterial.generate(JWSAlgorithm.HS256));
        assertTrue(ring.publicKeys().getKeys().isEmpty());
    }

    @Test
    void generationChangesOnlyWhenTheKeysDo() {
        var ring = new KeyRing();
        var key = KeyMaterial.generate(JWSAlgorithm.RS256);
        ring.use(key);
        var generation = ring.generation();
        ring.use(key);
        assertEquals(generation, ring.generation());
        var next = KeyMaterial.generate(JWSAlgorithm.RS256);
        ring.use(next, List.of(next, key));
        assertTrue(ring.generation() > generation);
    }
}
