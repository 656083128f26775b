package torii.throttle.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The throttling settings, checked at start: one backoff for usernames and one, more lenient, for addresses. */
@ApplicationScoped
public class ThrottleSettings {

    @Inject
    @ConfigProperty(name = "torii.throttle.enabled", defaultValue = "true")
    boolean enabled;

    @Inject
    @ConfigProperty(name = "torii.throttle.user.free-failures", defaultValue = "5")
    int userFreeFailures;

    /** Higher than per user: many people may share one address behind a NAT or a proxy. */
    @Inject
    @ConfigProperty(name = "torii.throttle.address.free-failures", defaultValue = "50")
    int addressFreeFailures;

    @Inject
    @ConfigProperty(name = "torii.throttle.first-wait-seconds", defaultValue = "60")
    long firstWaitSeconds;

    @Inject
    @ConfigProperty(name = "torii.throttle.max-wait-seconds", defaultValue = "900")
    long maxWaitSeconds;

    @Inject
    @ConfigProperty(name = "torii.throttle.forget-after-minutes", defaultValue = "720")
    long forgetAfterMinutes;

    private Backoff user;
    private Backoff address;

    @PostConstruct
    void init() {
        try {
            user = backoff(userFreeFailures);
            address = backoff(addressFreeFailures);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("torii.throttle.* settings are inconsistent: " + e.getMessage(), e);
        }
    }

    Backoff backoff(int freeFailures) {
        return new Backoff(freeFailures, Duration.ofSeconds(firstWaitSeconds), Duration.ofSeconds(maxWaitSeconds),
                Duration.ofMinutes(forgetAfterMinutes));
    }

    /** Created at start, so that a wrong setting stops the deployment instead of failing the first request. */
    void atStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
        // Observing the event is enough: it makes the container create this bean now.
    }

    public boolean enabled() {
        return enabled;
    }

    public Backoff user() {
        return user;
    }

    public Backoff address() {
        return address;
    }
}
