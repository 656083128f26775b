package torii.users.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import torii.platform.control.Refusal.Kind;
import torii.platform.control.Refusal;

/**
 * The rules for passwords: compared in Unicode NFC, so that the same characters typed on different keyboards match;
 * at least a configured number of characters; at most 72 UTF-8 bytes, because bcrypt reads no further and a longer
 * password would be cut silently.
 */
@ApplicationScoped
public class PasswordPolicy {

    public static final int MAX_BYTES = 72;

    @Inject
    @ConfigProperty(name = "torii.password.min-length", defaultValue = "8")
    int minLength;

    public PasswordPolicy() {
    }

    PasswordPolicy(int minLength) {
        this.minLength = minLength;
        init();
    }

    @PostConstruct
    void init() {
        if (minLength < 1 || minLength > MAX_BYTES) {
            throw new IllegalStateException("torii.password.min-length must be between 1 and " + MAX_BYTES
                    + ", was " + minLength);
        }
    }

    /** Created at start, so that a wrong setting stops the deployment instead of failing the first request. */
    void atStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
        // Observing the event is enough: it makes the container create this bean now.
    }

    public static String normalize(String password) {
        return Normalizer.normalize(password, Normalizer.Form.NFC);
    }

    /** Whether a password given at login can be checked at all; a longer one can match no hash this service wrote. */
    public static boolean checkable(String normalized) {
        return normalized.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES;
    }

    /** The normalized new password, or a 400 naming the field when it breaks a rule. */
    public String acceptNew(String password, String field) {
        if (password == null || password.isEmpty()) {
            throw invalid(field + " is required");
        }
        var normalized = normalize(password);
        if (normalized.codePointCount(0, normalized.length()) < minLength) {
            throw invalid(field + " must be at least " + minLength + " characters long");
        }
        if (!checkable(normalized)) {
            throw invalid(field + " must be at most " + MAX_BYTES + " bytes long in UTF-8");
        }
        return normalized;
    }

    static Refusal invalid(String detail) {
        return new Refusal(Kind.INVALID, "invalid_request", detail, null);
    }
}
