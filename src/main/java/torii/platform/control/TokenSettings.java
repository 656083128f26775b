package torii.platform.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The settings every part that issues, verifies, signs or ends tokens shares, read here once with their defaults:
 * the issuer, the access token's lifetime, the clock skew tolerated, the signing algorithm, and how many verified
 * tokens are remembered.
 */
@ApplicationScoped
public class TokenSettings {

    /** Where the demo run serves; set mp.jwt.verify.issuer to the service's public URL in production. */
    public static final String DEFAULT_ISSUER = "http://localhost:8080";

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.issuer", defaultValue = DEFAULT_ISSUER)
    String issuer;

    @Inject
    @ConfigProperty(name = "torii.token.expire-minutes", defaultValue = "30")
    long expireMinutes;

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.clock.skew", defaultValue = "60")
    int clockSkewSeconds;

    /** One algorithm: a key for one must never verify a token that claims another (RFC 8725 section 3.1). */
    @Inject
    @ConfigProperty(name = "torii.token.algorithm", defaultValue = "RS256")
    String algorithm;

    /**
     * The resource owner password grant, which the FastAPI tutorial's clients use and RFC 9700 section 2.4 says must
     * not be: on so that they keep working, off once every client signs in at the login page.
     */
    @Inject
    @ConfigProperty(name = "torii.grants.password.enabled", defaultValue = "true")
    boolean passwordGrant = true;

    /**
     * Access tokens whose signature and claims were checked, remembered by their text so that a repeat costs a lookup;
     * past this many the memory is emptied and fills again. 0 remembers none.
     */
    @Inject
    @ConfigProperty(name = "torii.token.verified-cache-size", defaultValue = "10000")
    int verifiedCacheSize;

    public TokenSettings() {
    }

    public TokenSettings(String issuer, long expireMinutes, int clockSkewSeconds, String algorithm) {
        this(issuer, expireMinutes, clockSkewSeconds, algorithm, 10_000);
    }

    public TokenSettings(String issuer, long expireMinutes, int clockSkewSeconds, String algorithm,
            int verifiedCacheSize) {
        this.issuer = issuer;
        this.expireMinutes = expireMinutes;
        this.clockSkewSeconds = clockSkewSeconds;
        this.algorithm = algorithm;
        this.verifiedCacheSize = verifiedCacheSize;
        check();
    }

    @PostConstruct
    void check() {
        if (expireMinutes < 1) {
            throw new IllegalStateException("torii.token.expire-minutes must be at least 1, was " + expireMinutes);
        }
        if (clockSkewSeconds < 0) {
            throw new IllegalStateException("mp.jwt.verify.clock.skew must be 0 or more, was " + clockSkewSeconds);
        }
        if (verifiedCacheSize < 0) {
            throw new IllegalStateException("torii.token.verified-cache-size must be 0 or more, was "
                    + verifiedCacheSize);
        }
    }

    /** Created at start, so that a wrong setting stops the deployment instead of failing the first request. */
    void atStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
        // Observing the event is enough: it makes the container create this bean now.
    }

    public String issuer() {
        return issuer;
    }

    public Duration accessTokenLifetime() {
        return Duration.ofMinutes(expireMinutes);
    }

    public int clockSkewSeconds() {
        return clockSkewSeconds;
    }

    public boolean passwordGrant() {
        return passwordGrant;
    }

    public String algorithm() {
        return algorithm;
    }

    public int verifiedCacheSize() {
        return verifiedCacheSize;
    }
}
