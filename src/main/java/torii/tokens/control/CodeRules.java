package torii.tokens.control;

import com.nimbusds.oauth2.sdk.pkce.CodeChallenge;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What an authorization code is worth: how long it lives, how many a browser's login may hold unredeemed at once, and
 * whether a PKCE verifier (RFC 7636, S256 only) answers its challenge.
 */
@ApplicationScoped
public class CodeRules {

    /** RFC 7636 section 4.1: 43 to 128 unreserved characters. */
    static final Pattern VERIFIER = Pattern.compile("[A-Za-z0-9._~-]{43,128}");
    /** An S256 challenge: base64url of a SHA-256 without padding, always 43 characters. */
    public static final Pattern CHALLENGE = Pattern.compile("[A-Za-z0-9_-]{43}");

    /** RFC 6749 section 4.1.2 advises ten minutes at most; a browser redirect takes a second. */
    @Inject
    @ConfigProperty(name = "torii.authorize.code-seconds", defaultValue = "60")
    long codeSeconds;

    /**
     * Codes a browser's login may hold unredeemed at once; a browser asking for more (a loop, or someone filling the
     * table) is told to wait until they are redeemed or expire.
     */
    @Inject
    @ConfigProperty(name = "torii.authorize.max-pending-codes", defaultValue = "20")
    int maxPending;

    public CodeRules() {
    }

    CodeRules(long codeSeconds, int maxPending) {
        this.codeSeconds = codeSeconds;
        this.maxPending = maxPending;
        check();
    }

    @PostConstruct
    void check() {
        if (codeSeconds < 1 || codeSeconds > 600) {
            throw new IllegalStateException("torii.authorize.code-seconds must be 1 to 600, was " + codeSeconds);
        }
        if (maxPending < 1) {
            throw new IllegalStateException("torii.authorize.max-pending-codes must be at least 1, was " + maxPending);
        }
    }

    /** Created at start, so that a wrong setting stops the deployment instead of failing the first request. */
    void atStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
        // Observing the event is enough: it makes the container create this bean now.
    }

    public Duration lifetime() {
        return Duration.ofSeconds(codeSeconds);
    }

    public int maxPending() {
        return maxPending;
    }

    /** Whether the verifier is well formed and its S256 transformation is the challenge, compared in constant time. */
    public static boolean answers(String verifier, String challenge) {
        if (verifier == null || challenge == null || !VERIFIER.matcher(verifier).matches()) {
            return false;
        }
        var computed = CodeChallenge.compute(CodeChallengeMethod.S256, new CodeVerifier(verifier)).getValue();
        return MessageDigest.isEqual(computed.getBytes(StandardCharsets.US_ASCII),
                challenge.getBytes(StandardCharsets.US_ASCII));
    }
}
