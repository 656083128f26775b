package torii.keys.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyMaterialTest {

    @TempDir
    Path folder;

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder().encodeToString(der) + "\n-----END " + type
                + "-----\n";
    }

    @Test
    void generatedKeysAreNamedByTheirThumbprint() throws Exception {
        var rsa = KeyMaterial.generate(JWSAlgorithm.RS256);
        assertEquals(rsa.computeThumbprint().toString(), rsa.getKeyID());
        var ec = KeyMaterial.generate(JWSAlgorithm.ES256);
        assertEquals(ec.computeThumbprint().toString(), ec.getKeyID());
        assertNotEquals(rsa.getKeyID(), KeyMaterial.generate(JWSAlgorithm.RS256).getKeyID());
    }

    @Test
    void rsaPrivateKeyIsReadFromPkcs8Pem() throws Exception {
        var key = KeyMaterial.generate(JWSAlgorithm.RS256).toRSAKey();
        var file = Files.writeString(folder.resolve("key.pem"), pem("PRIVATE KEY", key.toPrivateKey().getEncoded()));
        var read = KeyMaterial.read(file, JWSAlgorithm.RS256);
        assertEquals(key.getKeyID(), read.getKeyID(), "the same key gets the same kid wherever it is loaded");
        assertEquals("RS256", read.getAlgorithm().getName());
        assertTrue(read.isPrivate());
    }

    @Test
    void ecPrivateKeyIsReadFromPemWithItsPublicKey() throws Exception {
        var key = KeyMaterial.generate(JWSAlgorithm.ES256).toECKey();
        var file = Files.writeString(folder.resolve("key.pem"), pem("PRIVATE KEY", key.toPrivateKey().getEncoded())
                + pem("PUBLIC KEY", key.toPublicKey().getEncoded()));
        assertEquals(key.getKeyID(), KeyMaterial.read(file, JWSAlgorithm.ES256).getKeyID());
    }

    @Test
    void privateJwkIsRead() throws Exception {
        var key = KeyMaterial.generate(JWSAlgorithm.ES256);
        var file = Files.writeString(folder.resolve("key.json"), key.toJSONString());
        assertEquals(key.getKeyID(), KeyMaterial.read(file, JWSAlgorithm.ES256).getKeyID());
    }

    @Test
    void publicKeyAloneIsRefused() throws Exception {
        var file = Files.writeString(folder.resolve("key.json"),
                KeyMaterial.generate(JWSAlgorithm.RS256).toPublicJWK().toJSONString());
        assertThrows(IllegalStateException.class, () -> KeyMaterial.read(file, JWSAlgorithm.RS256));
    }

    @Test
    void keyOfAnotherAlgorithmIsRefused() throws Exception {
        var file = Files.writeString(folder.resolve("key.json"),
                KeyMaterial.generate(JWSAlgorithm.ES256).toJSONString());
        var refusal = assertThrows(IllegalStateException.class, () -> KeyMaterial.read(file, JWSAlgorithm.RS256));
        assertTrue(refusal.getMessage().contains("RS256"), refusal.getMessage());
    }

    @Test
    void unreadableFileIsNamed() {
        var missing = folder.resolve("missing.pem");
        var refusal = assertThrows(IllegalStateException.class, () -> KeyMaterial.read(missing, JWSAlgorithm.RS256));
        assertTrue(refusal.getMessage().contains(missing.toString()));
    }

    @Test
    void onlyTheThreeOfferedAlgorithmsAreAccepted() {
        assertEquals(JWSAlgorithm.ES256, KeyMaterial.algorithm("ES256"));
        assertThrows(IllegalStateException.class, () -> KeyMaterial.algorithm("none"));
        assertThrows(IllegalStateException.class, () -> KeyMaterial.algorithm("HS512"));
    }

    @Test
    void storedKeyReadsBack() throws Exception {
        var key = KeyMaterial.generate(JWSAlgorithm.RS256);
        assertEquals(key, JWK.parse(key.toJSONString()));
    }
}
