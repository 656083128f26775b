package torii.users.control;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * An Argon2id hash in the PHC string format that pwdlib and argon2-cffi write:
 * {@code $argon2id$v=19$m=65536,t=3,p=4$salt$hash}, salt and hash in base64 without padding.
 */
public record Argon2idHash(int memoryKiB, int iterations, int parallelism, byte[] salt, byte[] hash) {

    private static final Pattern PHC = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=(\\d{1,7}),t=(\\d{1,3}),p=(\\d{1,2})\\$([A-Za-z0-9+/]{11,64})\\$([A-Za-z0-9+/]{22,86})");
    /** A stored hash names the memory it needs; more than this would let one row exhaust the heap. */
    static final int MAX_MEMORY_KIB = 256 * 1024;
    static final int MAX_ITERATIONS = 20;

    /** The hash, or empty when the text is not an Argon2id hash of version 19 with sane parameters. */
    public static Optional<Argon2idHash> parse(String text) {
        var match = PHC.matcher(text);
        if (!match.matches()) {
            return Optional.empty();
        }
        int memory = Integer.parseInt(match.group(1));
        int iterations = Integer.parseInt(match.group(2));
        int parallelism = Integer.parseInt(match.group(3));
        if (parallelism < 1 || memory < 8 * parallelism || memory > MAX_MEMORY_KIB
                || iterations < 1 || iterations > MAX_ITERATIONS) {
            return Optional.empty();
        }
        try {
            var decoder = Base64.getDecoder();
            return Optional.of(new Argon2idHash(memory, iterations, parallelism,
                    decoder.decode(match.group(4)), decoder.decode(match.group(5))));
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }

    public boolean matches(String password) {
        return MessageDigest.isEqual(hash, derive(password.getBytes(StandardCharsets.UTF_8), hash.length));
    }

    byte[] derive(byte[] password, int length) {
        var parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(memoryKiB)
                .withIterations(iterations)
                .withParallelism(parallelism)
                .withSalt(salt)
                .build();
        var generator = new Argon2BytesGenerator();
        generator.init(parameters);
        var out = new byte[length];
        generator.generateBytes(password, out);
        return out;
    }

    /** The PHC string of this hash, as pwdlib writes it. */
    public String text() {
        var encoder = Base64.getEncoder().withoutPadding();
        return "$argon2id$v=19$m=" + memoryKiB + ",t=" + iterations + ",p=" + parallelism + "$"
                + encoder.encodeToString(salt) + "$" + encoder.encodeToString(hash);
    }

    /** A new hash of the password with these parameters and salt; for tests and for bringing hashes in. */
    public static Argon2idHash of(String password, int memoryKiB, int iterations, int parallelism, byte[] salt) {
        var shape = new Argon2idHash(memoryKiB, iterations, parallelism, salt, new byte[32]);
        return new Argon2idHash(memoryKiB, iterations, parallelism, salt,
                shape.derive(password.getBytes(StandardCharsets.UTF_8), 32));
    }
}
