package torii.health.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** How long a readiness probe may wait, and how long the hashing pool may go without finishing work; checked at start. */
@ApplicationScoped
public class HealthSettings {

    @Inject
    @ConfigProperty(name = "torii.health.timeout-ms", defaultValue = "2000")
    long timeoutMillis;

    @Inject
    @ConfigProperty(name = "torii.health.stuck-seconds", defaultValue = "60")
    long stuckSeconds;

    @PostConstruct
    void init() {
        if (timeoutMillis < 1 || stuckSeconds < 1) {
            throw new IllegalStateException("torii.health.timeout-ms and torii.health.stuck-seconds must be at least "
                    + "1; were " + timeoutMillis + " and " + stuckSeconds);
        }
    }

    /** Created at start, so that a wrong setting stops the deployment instead of failing the first probe. */
    void atStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
        // Observing the event is enough: it makes the container create this bean now.
    }

    public long timeoutMillis() {
        return timeoutMillis;
    }

    public long stuckMillis() {
        return stuckSeconds * 1000;
    }
}
