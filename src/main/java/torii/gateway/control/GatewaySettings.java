package torii.gateway.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The gateway's settings, checked at start. */
@ApplicationScoped
public class GatewaySettings {

    @Inject
    @ConfigProperty(name = "torii.gateway.connect-timeout-ms", defaultValue = "5000")
    long connectTimeoutMillis;

    /** For a stream, the longest silence between two chunks; otherwise the longest wait for the whole answer. */
    @Inject
    @ConfigProperty(name = "torii.gateway.read-timeout-ms", defaultValue = "120000")
    long readTimeoutMillis;

    @Inject
    @ConfigProperty(name = "torii.gateway.rate-limit", defaultValue = "60")
    int rateLimit;

    /** Each stream being relayed holds a thread for as long as the model talks; past this many, 503. */
    @Inject
    @ConfigProperty(name = "torii.gateway.max-streams", defaultValue = "100")
    int maxStreams;

    /** The largest whole answer (not a stream) read from an upstream; a larger one is a 502. */
    @Inject
    @ConfigProperty(name = "torii.gateway.max-answer-bytes", defaultValue = "16777216")
    long maxAnswerBytes;

    /** How long the identity token passed on to an HTTP application stays valid. */
    @Inject
    @ConfigProperty(name = "torii.gateway.identity-seconds", defaultValue = "300")
    long identitySeconds;

    /** Identity tokens kept for reuse, one per caller and application; past this many, all are forgotten. */
    @Inject
    @ConfigProperty(name = "torii.gateway.identity-cache-size", defaultValue = "10000")
    int identityCacheSize;

    /**
     * Azure OpenAI's data-plane API version for the applications that name none of their own in
     * {@code torii.apps.<id>.api-version}: Azure requires one on every call, and the GA version is the one it keeps
     * longest.
     */
    @Inject
    @ConfigProperty(name = "torii.gateway.azure.api-version", defaultValue = "2024-10-21")
    String azureApiVersion;

    /** How long an administrator's check of an upstream waits for its answer (and for an Entra ID token first). */
    @Inject
    @ConfigProperty(name = "torii.gateway.check-timeout-ms", defaultValue = "5000")
    long checkTimeoutMillis;

    @Inject
    Config config;

    @PostConstruct
    void check() {
        if (azureApiVersion.isBlank()) {
            throw new IllegalStateException("torii.gateway.azure.api-version must not be blank");
        }
        if (identitySeconds < 30 || identitySeconds > 3600 || identityCacheSize < 0) {
            throw new IllegalStateException("torii.gateway.identity-seconds must be 30 to 3600 and "
                    + "torii.gateway.identity-cache-size 0 or more; were " + identitySeconds + ", " + identityCacheSize);
        }
        if (maxAnswerBytes < 1024) {
            throw new IllegalStateException("torii.gateway.max-answer-bytes must be at least 1024, was "
                    + maxAnswerBytes);
        }
        if (connectTimeoutMillis < 1 || readTimeoutMillis < 1 || checkTimeoutMillis < 1 || rateLimit < 0
                || maxStreams < 1) {
            throw new IllegalStateException("torii.gateway.connect-timeout-ms, torii.gateway.read-timeout-ms, "
                    + "torii.gateway.check-timeout-ms and torii.gateway.max-streams must be at least 1 and "
                    + "torii.gateway.rate-limit 0 or more; were " + connectTimeoutMillis + ", " + readTimeoutMillis
                    + ", " + checkTimeoutMillis + ", " + maxStreams + ", " + rateLimit);
        }
    }

    /** Created at start, so that a wrong setting stops the deployment instead of failing the first request. */
    void atStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
        // Observing the event is enough: it makes the container create this bean now.
    }

    public Duration connectTimeout() {
        return Duration.ofMillis(connectTimeoutMillis);
    }

    public Duration readTimeout() {
        return Duration.ofMillis(readTimeoutMillis);
    }

    public Duration checkTimeout() {
        return Duration.ofMillis(checkTimeoutMillis);
    }

    public long maxAnswerBytes() {
        return maxAnswerBytes;
    }

    public int maxStreams() {
        return maxStreams;
    }

    public Duration identityLifetime() {
        return Duration.ofSeconds(identitySeconds);
    }

    public int identityCacheSize() {
        return identityCacheSize;
    }

    /** The Azure OpenAI API version the application's calls name: its own if an operator set one, else the default. */
    public String azureApiVersion(String appId) {
        return config.getOptionalValue("torii.apps." + appId + ".api-version", String.class).map(String::strip)
                .filter(version -> !version.isEmpty()).orElse(azureApiVersion.strip());
    }

    /** Requests per user and application per minute; 0 for no limit. */
    public int rateLimit() {
        return rateLimit;
    }
}
