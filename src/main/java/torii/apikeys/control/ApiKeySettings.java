package torii.apikeys.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The bounds of API keys, checked at start. */
@ApplicationScoped
public class ApiKeySettings {

    /** The longest life a key may be given, and the life of one that asks for none. */
    @Inject
    @ConfigProperty(name = "torii.api-keys.max-days", defaultValue = "365")
    int maxDays;

    /** Keys a user may hold at once, expired ones included until they are deleted. */
    @Inject
    @ConfigProperty(name = "torii.api-keys.max-per-user", defaultValue = "25")
    int maxPerUser;

    /** Keys whose check is remembered in memory; past it, a key's check is a query until the next change. */
    @Inject
    @ConfigProperty(name = "torii.api-keys.cache-size", defaultValue = "100000")
    int cacheSize;

    @PostConstruct
    void check() {
        if (maxDays < 1 || maxDays > 3650 || maxPerUser < 1 || cacheSize < 0) {
            throw new IllegalStateException("torii.api-keys.max-days must be 1 to 3650, torii.api-keys.max-per-user at "
                    + "least 1 and torii.api-keys.cache-size at least 0; were " + maxDays + ", " + maxPerUser + ", "
                    + cacheSize);
        }
    }

    /** Created at start, so that a wrong setting stops the deployment instead of failing the first request. */
    void atStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
        // Observing the event is enough: it makes the container create this bean now.
    }

    public int maxDays() {
        return maxDays;
    }

    public int maxPerUser() {
        return maxPerUser;
    }

    public int cacheSize() {
        return cacheSize;
    }
}
