package torii.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Makes a fresh RS256 signing key for each test run, before any container starts, and writes it as a PKCS#8 PEM file
 * under target/: arquillian.xml hands the file to Payara Micro as {@code torii.token.key.file}, and tests use the key
 * to build tokens the server must accept or refuse.
 */
public class TestKey implements LauncherSessionListener {

    public static final String PROPERTY = "torii.test.key.file";
    private static RSAKey key;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (System.getProperty(PROPERTY) == null) {
            try {
                var generated = new RSAKeyGenerator(2048).generate();
                var folder = Files.createDirectories(Path.of("target", "test-keys"));
                var file = folder.resolve("signing-key.pem");
                Files.deleteIfExists(file);
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(file, "-----BEGIN PRIVATE KEY-----\n"
                        + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(generated.toPrivateKey().getEncoded())
                        + "\n-----END PRIVATE KEY-----\n");
                System.setProperty(PROPERTY, file.toAbsolutePath().toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** The run's key, read back from the file the server reads, with the kid the server gives it. */
    public static synchronized RSAKey key() {
        if (key == null) {
            var file = System.getProperty(PROPERTY);
            if (file == null) {
                throw new IllegalStateException(PROPERTY + " is not set; is " + TestKey.class.getName() + " registered?");
            }
            try {
                var pem = Files.readString(Path.of(file)).replaceAll("-----[A-Z ]+-----|\\s", "");
                var rsa = KeyFactory.getInstance("RSA");
                var privateKey = (java.security.interfaces.RSAPrivateCrtKey) rsa.generatePrivate(
                        new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
                var publicKey = (java.security.interfaces.RSAPublicKey) rsa.generatePublic(
                        new java.security.spec.RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
                key = new RSAKey.Builder(publicKey).privateKey(privateKey).keyIDFromThumbprint()
                        .algorithm(JWSAlgorithm.RS256).keyUse(KeyUse.SIGNATURE).build();
            } catch (IOException | java.security.GeneralSecurityException | JOSEException e) {
                throw new IllegalStateException(e);
            }
        }
        return key;
    }
}
