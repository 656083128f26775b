package torii.health.control;

import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.Duration;

/**
 * The data grid as JCache offers it: usable when a value written can be read back. The only class that references
 * the JCache API, reached only once the server has named a cache manager, so that servers without one never load it.
 */
public class Grid {

    static final String CACHE = "torii-health";

    /** One key per instance, so that probes of several instances do not overwrite each other's values. */
    private static final String KEY = UUID.randomUUID().toString();

    private final CacheManager manager;

    /** The cache manager that the server bound in JNDI, of a type only this class knows. */
    public Grid(Object manager) {
        this.manager = (CacheManager) manager;
    }

    /** Writes a value and reads it back; a value left behind by an instance gone expires after a minute. */
    public boolean usable() {
        var value = Long.toString(System.nanoTime());
        var cache = cache();
        cache.put(KEY, value);
        return value.equals(cache.get(KEY));
    }

    Cache<String, String> cache() {
        var cache = manager.getCache(CACHE, String.class, String.class);
        if (cache != null) {
            return cache;
        }
        try {
            return manager.createCache(CACHE, new MutableConfiguration<String, String>()
                    .setTypes(String.class, String.class)
                    .setExpiryPolicyFactory(CreatedExpiryPolicy.factoryOf(new Duration(TimeUnit.MINUTES, 1))));
        } catch (CacheException createdByAnother) {
            return manager.getCache(CACHE, String.class, String.class);
        }
    }
}
