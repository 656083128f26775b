package torii.tokens.boundary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import torii.tokens.control.KeyMaterial;
import torii.tokens.control.KeyRing;

class SigningKeysTest {

    static SigningKeys configured(String algorithm, Optional<String> secret, Optional<String> keyFile) {
        var keys = new SigningKeys();
        keys.algorithmName = algorithm;
        keys.secret = secret;
        keys.keyFile = keyFile;
        keys.maxAgeDays = 30;
        keys.expireMinutes = 30;
        keys.keyRing = new KeyRing();
        return keys;
    }

    @Test
    void secretWithAnAsymmetricAlgorithmIsRefused() {
        var keys = configured("RS256", Optional.of("x".repeat(32)), Optional.empty());
        var refusal = assertThrows(IllegalStateException.class, keys::load);
        assertTrue(refusal.getMessage().contains("torii.token.algorithm=HS256"), refusal.getMessage());
    }

    @Test
    void unknownAlgorithmIsRefused() {
        assertThrows(IllegalStateException.class, () -> configured("none", Optional.empty(), Optional.empty()).load());
    }

    @Test
    void configuredSecretSignsHs256() {
        var keys = configured("HS256", Optional.of("x".repeat(32)), Optional.empty());
        keys.load();
        assertEquals("HS256", keys.keyRing.signingKey().getAlgorithm().getName());
        assertTrue(keys.keyRing.publicKeys().getKeys().isEmpty(), "a shared secret is never published");
    }

    @Test
    void configuredKeyFileSignsAndIsNeverRotated(@TempDir Path folder) throws Exception {
        var key = KeyMaterial.generate(JWSAlgorithm.ES256);
        var file = Files.writeString(folder.resolve("key.json"), key.toJSONString());
        var keys = configured("ES256", Optional.empty(), Optional.of(file.toString()));
        keys.load();
        assertEquals(key.getKeyID(), keys.keyRing.signingKey().getKeyID());
        assertTrue(keys.rotate("asked").isEmpty());
    }

    @Test
    void secretShorterThan256BitsIsRefused() {
        var refusal = assertThrows(IllegalStateException.class, () -> SigningKeys.fromSecret("x".repeat(31)));
        assertEquals(true, refusal.getMessage().contains("256 bits"));
    }

    @Test
    void secretIsUsedAsItsUtf8Bytes() {
        var secret = "09d25e094faa6ca2556c818166b7a9563b93f7099f6f0f4caa6cf63b88e8d3e7";
        assertArrayEquals(secret.getBytes(StandardCharsets.UTF_8), SigningKeys.fromSecret(secret).toByteArray());
    }

    @Test
    void multibyteCharactersCountAsTheirBytes() {
        // 11 characters of three bytes each: 33 bytes, enough.
        assertEquals(33, SigningKeys.fromSecret("鍵".repeat(11)).toByteArray().length);
    }

    @Test
    void dataFolderOfAGeneratedKeyIsMadePrivate(@TempDir Path folder) throws Exception {
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
        SigningKeys.makePrivate(folder);
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(folder)));
    }
}
