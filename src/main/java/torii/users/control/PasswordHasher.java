package torii.users.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.mindrot.jbcrypt.BCrypt;

/**
 * Hashes passwords with bcrypt, and verifies bcrypt ({@code $2a$}, {@code $2b$}, {@code $2y$}) and Argon2id hashes;
 * tells which stored hashes are weaker than the configured policy, so that a login can replace them.
 */
@ApplicationScoped
public class PasswordHasher {

    private static final Logger LOG = Logger.getLogger(PasswordHasher.class.getName());
    /** Prefix, two-digit cost, then 22 characters of salt and 31 of hash in bcrypt's base64 alphabet. */
    private static final Pattern BCRYPT = Pattern.compile("\\$2[aby]\\$(0[4-9]|[12][0-9]|3[01])\\$[./A-Za-z0-9]{53}");
    private static final String BCRYPT_ALPHABET = "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    @Inject
    @ConfigProperty(name = "torii.password.bcrypt-cost", defaultValue = "12")
    int cost;

    /** Verified when there is no real hash, so that an unknown user costs as much time as a known one. */
    private String dummyHash;

    public PasswordHasher() {
    }

    PasswordHasher(int cost) {
        this.cost = cost;
        init();
    }

    @PostConstruct
    void init() {
        if (cost < 4 || cost > 31) {
            throw new IllegalStateException("torii.password.bcrypt-cost must be between 4 and 31, was " + cost);
        }
        dummyHash = unmatchableHash(cost);
    }

    /**
     * A bcrypt hash that no password matches: a real salt at the given cost and, in place of the hash of a password, 31
     * random characters of bcrypt's alphabet. Checking a password against it costs one bcrypt at that cost, as against
     * a real hash; making it costs none (hashing a random password here cost each start a bcrypt on the deployment's
     * thread, in code not yet compiled).
     */
    private static String unmatchableHash(int cost) {
        var random = new SecureRandom();
        var hash = new StringBuilder(BCrypt.gensalt(cost, random));
        for (int i = 0; i < 31; i++) {
            hash.append(BCRYPT_ALPHABET.charAt(random.nextInt(BCRYPT_ALPHABET.length())));
        }
        return hash.toString();
    }

    /** The hash that a check without a real one is made against. */
    String dummyHash() {
        return dummyHash;
    }

    /** Created at start, so that a wrong setting stops the deployment instead of failing the first request. */
    void atStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
        // Observing the event is enough: it makes the container create this bean now.
    }

    public String hash(String password) {
        return BCrypt.hashpw(password, BCrypt.gensalt(cost));
    }

    /** True if the password matches; a missing or unreadable hash never matches but takes the same time. */
    public boolean verify(String password, String hash) {
        if (hash != null && hash.startsWith("$argon2id$")) {
            var argon2 = Argon2idHash.parse(hash);
            if (argon2.isPresent()) {
                return argon2.get().matches(password);
            }
        }
        var readable = hash == null ? null : asJBCrypt(hash);
        if (readable == null) {
            // An empty hash is a user without a password of their own (one who signs in at an upstream provider).
            if (hash != null && !hash.isEmpty()) {
                LOG.warning("A stored password hash is in no form this service reads; that user cannot log in");
            }
            spendTime();
            return false;
        }
        return BCrypt.checkpw(password, readable);
    }

    /** What a check of a password found: whether it matches, and a stronger hash of it when the stored one is weak. */
    public record Check(boolean matches, String rehashed) {
    }

    /**
     * Checks a normalized password against the stored hash (or none), spending the same time whatever is missing: a
     * password too long to be checked is not hashed, and takes the time of one check. On a match against a hash weaker
     * than the policy, a new hash at the configured cost comes with the answer.
     */
    public Check check(String normalized, String hash) {
        if (!PasswordPolicy.checkable(normalized)) {
            spendTime();
            return new Check(false, null);
        }
        var matches = verify(normalized, hash);
        return new Check(matches, matches && needsRehash(hash) ? hash(normalized) : null);
    }

    /** The work of one verification at the configured cost, for a login that fails before any real check. */
    public void spendTime() {
        BCrypt.checkpw("", dummyHash);
    }

    /** True if the hash is of another scheme or of a lower bcrypt cost than the configured one. */
    public boolean needsRehash(String hash) {
        var match = BCRYPT.matcher(hash);
        return !match.matches() || Integer.parseInt(match.group(1)) < cost;
    }

    /**
     * jBCrypt reads only {@code $2a$}. {@code $2b$} (OpenBSD, passlib) and {@code $2y$} (PHP) name the same algorithm,
     * differing from {@code $2a$} only in bugs of other implementations that jBCrypt never had, so the prefix is rewritten.
     * {@code $2x$} marks hashes from a buggy implementation and is refused.
     */
    static String asJBCrypt(String hash) {
        if (!BCRYPT.matcher(hash).matches()) {
            return null;
        }
        return hash.startsWith("$2a$") ? hash : "$2a$" + hash.substring(4);
    }
}
