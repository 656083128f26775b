package torii.federation.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The bounds of every sign-in at an upstream provider, the same for all providers, checked at start. */
@ApplicationScoped
public class FederationSettings {

    /** How long a call to a provider (discovery, keys, token) may wait for a connection. */
    @Inject
    @ConfigProperty(name = "torii.federation.connect-timeout-ms", defaultValue = "2000")
    int connectTimeoutMillis;

    /** How long a call to a provider may wait for its answer. */
    @Inject
    @ConfigProperty(name = "torii.federation.read-timeout-ms", defaultValue = "5000")
    int readTimeoutMillis;

    /** How long a provider's discovered metadata is used before it is fetched again. */
    @Inject
    @ConfigProperty(name = "torii.federation.metadata-seconds", defaultValue = "3600")
    long metadataSeconds;

    /** The largest JWK Set read from a provider. */
    @Inject
    @ConfigProperty(name = "torii.federation.max-jwks-bytes", defaultValue = "65536")
    int maxJwksBytes;

    /** How long a person may take at the provider: the sign-in cookie's lifetime. */
    @Inject
    @ConfigProperty(name = "torii.federation.cookie-seconds", defaultValue = "600")
    long cookieSeconds;

    /**
     * The longest authorization request carried through the provider in the cookie. With the rest of the cookie and a
     * signature (342 characters for RSA-2048, 683 for RSA-4096) it must stay below the 4096 bytes a browser keeps of a
     * cookie; a start whose cookie would not is refused all the same.
     */
    @Inject
    @ConfigProperty(name = "torii.federation.max-return-query-length", defaultValue = "1800")
    int maxReturnQueryLength;

    /** Groups kept from an ID token; past this many, the rest are left out (never more rights, only fewer). */
    @Inject
    @ConfigProperty(name = "torii.federation.max-groups", defaultValue = "100")
    int maxGroups;

    /**
     * The longest subject, username, email or group name taken from an ID token: a longer subject fails the sign-in, a
     * longer username, email or group is left out, a longer name is cut.
     */
    @Inject
    @ConfigProperty(name = "torii.federation.max-claim-length", defaultValue = "255")
    int maxClaimLength;

    public FederationSettings() {
    }

    public FederationSettings(int connectTimeoutMillis, int readTimeoutMillis, long metadataSeconds, int maxJwksBytes,
            long cookieSeconds, int maxReturnQueryLength, int maxGroups, int maxClaimLength) {
        this.connectTimeoutMillis = connectTimeoutMillis;
        this.readTimeoutMillis = readTimeoutMillis;
        this.metadataSeconds = metadataSeconds;
        this.maxJwksBytes = maxJwksBytes;
        this.cookieSeconds = cookieSeconds;
        this.maxReturnQueryLength = maxReturnQueryLength;
        this.maxGroups = maxGroups;
        this.maxClaimLength = maxClaimLength;
        check();
    }

    /** The defaults, as the annotations give them. */
    public static FederationSettings defaults() {
        return new FederationSettings(2000, 5000, 3600, 65536, 600, 1800, 100, 255);
    }

    @PostConstruct
    void check() {
        if (connectTimeoutMillis < 1 || readTimeoutMillis < 1 || metadataSeconds < 0 || maxJwksBytes < 1024) {
            throw new IllegalStateException("torii.federation.connect-timeout-ms and read-timeout-ms must be at least "
                    + "1, metadata-seconds 0 or more and max-jwks-bytes at least 1024; were " + connectTimeoutMillis
                    + ", " + readTimeoutMillis + ", " + metadataSeconds + ", " + maxJwksBytes);
        }
        if (cookieSeconds < 30 || cookieSeconds > 3600) {
            throw new IllegalStateException("torii.federation.cookie-seconds must be 30 to 3600, was " + cookieSeconds);
        }
        if (maxReturnQueryLength < 256 || maxReturnQueryLength > SignInCookies.MAX_QUERY_IN_COOKIE) {
            throw new IllegalStateException("torii.federation.max-return-query-length must be 256 to "
                    + SignInCookies.MAX_QUERY_IN_COOKIE + ", was " + maxReturnQueryLength);
        }
        if (maxGroups < 0 || maxClaimLength < 16) {
            throw new IllegalStateException("torii.federation.max-groups must be 0 or more and max-claim-length at "
                    + "least 16; were " + maxGroups + ", " + maxClaimLength);
        }
    }

    public int connectTimeoutMillis() {
        return connectTimeoutMillis;
    }

    public int readTimeoutMillis() {
        return readTimeoutMillis;
    }

    public Duration metadataLifetime() {
        return Duration.ofSeconds(metadataSeconds);
    }

    public int maxJwksBytes() {
        return maxJwksBytes;
    }

    public Duration cookieLifetime() {
        return Duration.ofSeconds(cookieSeconds);
    }

    public int maxReturnQueryLength() {
        return maxReturnQueryLength;
    }

    public int maxGroups() {
        return maxGroups;
    }

    public int maxClaimLength() {
        return maxClaimLength;
    }
}
