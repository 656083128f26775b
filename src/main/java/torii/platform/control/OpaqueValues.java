package torii.platform.control;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Random values that stand for something (refresh tokens, API keys, client secrets, stamps) and what is stored of
 * them, all in base64url without padding. A value of 256 random bits is beyond guessing, so its SHA-256 is enough to
 * store: a slow password hash would only slow every request that presents one.
 */
public interface OpaqueValues {

    SecureRandom RANDOM = new SecureRandom();

    /** This many random bytes. */
    static String random(int bytes) {
        var drawn = new byte[bytes];
        RANDOM.nextBytes(drawn);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(drawn);
    }

    static String sha256(String value) {
        var digest = SHA256.get().digest(value.getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }

    /** One digest per thread: looking the algorithm up costs more than hashing a short value. */
    ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });
}
