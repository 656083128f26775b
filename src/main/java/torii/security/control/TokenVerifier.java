package torii.security.control;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.ConfigurableJWTProcessor;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.jwt.JsonWebToken;
import torii.keys.control.KeyMaterial;
import torii.keys.control.KeyRing;
import torii.platform.control.TokenClaims;
import torii.platform.control.TokenSettings;

/**
 * The one place where access tokens are checked. A token passes only if all of these hold: it is a JWS (never
 * {@code alg: none}, never encrypted) signed with the configured algorithm, and no other, by a key of the
 * {@link KeyRing}; its {@code typ} is {@code JWT} or absent; it carries {@code sub}, {@code exp}, {@code iat} and
 * {@code jti}; its {@code iss} is the configured issuer; it has not expired, allowing the configured clock skew; and
 * neither it nor its login session is on the {@link DenyList}.
 */
@ApplicationScoped
public class TokenVerifier {

    private static final Logger LOG = Logger.getLogger(TokenVerifier.class.getName());
    static final Set<String> REQUIRED_CLAIMS = Set.of("sub", "exp", "iat", "jti");
    /** Far above any token this service issues; parsing stops before doing work on anything larger. */
    static final int MAX_TOKEN_LENGTH = 8192;

    @Inject
    KeyRing keys;

    @Inject
    DenyList denied;

    @Inject
    TokenSettings settings;

    private ConfigurableJWTProcessor<SecurityContext> processor;

    /**
     * Tokens that passed every rule, by their exact text: a client sends the same token many times, and a repeat
     * costs a map lookup instead of a parse and an HMAC. Only expiry can change a verified token's fate, and it is
     * checked again on every use, as is the deny-list, and a token verified with keys that have since changed counts
     * for nothing. Failures are never remembered.
     */
    private final ConcurrentMap<String, Remembered> verified = new ConcurrentHashMap<>();

    /** A verified token and the generation of the keys that verified it. */
    record Remembered(VerifiedToken token, long keysGeneration) {
    }

    Clock clock = Clock.systemUTC();

    public TokenVerifier() {
    }

    public TokenVerifier(KeyRing keys, DenyList denied, TokenSettings settings) {
        this.keys = keys;
        this.denied = denied;
        this.settings = settings;
        init();
    }

    @PostConstruct
    void init() {
        var claimsVerifier = new DefaultJWTClaimsVerifier<>(null,
                new JWTClaimsSet.Builder().issuer(settings.issuer()).build(), REQUIRED_CLAIMS);
        claimsVerifier.setMaxClockSkew(settings.clockSkewSeconds());
        var jwtProcessor = new DefaultJWTProcessor<SecurityContext>();
        jwtProcessor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT, null));
        jwtProcessor.setJWSKeySelector(new JWSVerificationKeySelector<>(KeyMaterial.algorithm(settings.algorithm()), keys));
        jwtProcessor.setJWTClaimsSetVerifier(claimsVerifier);
        processor = jwtProcessor;
    }

    /** Created at start, so that a wrong setting stops the deployment instead of failing the first request. */
    void atStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
        // Observing the event is enough: it makes the container create this bean now.
    }

    /** The verified token, or empty if any rule fails; the reason is logged at FINE, never the token itself. */
    public Optional<JsonWebToken> verify(String token) {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
            return Optional.empty();
        }
        var generation = keys.generation();
        var known = verified.get(token);
        if (known != null && known.keysGeneration() == generation) {
            return unexpired(known.token()) && allowed(known.token()) ? Optional.of(known.token()) : Optional.empty();
        }
        try {
            var passed = new VerifiedToken(token, processor.process(token, null));
            remember(token, new Remembered(passed, generation));
            return allowed(passed) ? Optional.of(passed) : Optional.empty();
        } catch (Exception rejected) {
            LOG.log(Level.FINE, "Rejected a token: {0}", rejected.getMessage());
            return Optional.empty();
        }
    }

    /** Past the configured number of tokens the memory is emptied: it fills again with the tokens in use. */
    void remember(String token, Remembered passed) {
        var limit = settings.verifiedCacheSize();
        if (limit == 0) {
            return;
        }
        if (verified.size() >= limit) {
            verified.clear();
        }
        verified.put(token, passed);
    }

    /** How many verified tokens are remembered now. */
    int remembered() {
        return verified.size();
    }

    boolean allowed(VerifiedToken token) {
        return !denied.contains(token.getTokenID()) && !denied.contains(token.getClaim(TokenClaims.SESSION));
    }

    /** The rule of {@link DefaultJWTClaimsVerifier} for {@code exp}, with the same clock skew. */
    boolean unexpired(VerifiedToken token) {
        return clock.instant().getEpochSecond() < token.getExpirationTime() + settings.clockSkewSeconds();
    }
}
