package torii.tokens.boundary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningKeysTest {

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
