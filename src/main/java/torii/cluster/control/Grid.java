package torii.cluster.control;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.CacheEntryListenerConfiguration;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.Duration;

/**
 * The data grid, through JCache: an event is an entry put into one shared cache, and every instance listens for new
 * entries. Entries expire after a minute: they are messages, not state. The only class here that names javax.cache,
 * so that a server without it never loads one.
 */
public class Grid implements Broadcast {

    static final String CACHE = "torii-changes";
    /** Where each instance writes a value and reads it back to see that the grid works. */
    static final String PROBES = "torii-probes";
    static final Duration KEPT = new Duration(TimeUnit.MINUTES, 1);

    private final String origin = UUID.randomUUID().toString();
    private final CacheManager manager;
    private final Cache<String, byte[]> cache;
    private final CacheEntryListenerConfiguration<String, byte[]> listening;

    /** Joins the grid of the given {@link CacheManager}; events of other instances go to the receiver. */
    public Grid(Object cacheManager, Consumer<byte[]> receiver) {
        manager = (CacheManager) cacheManager;
        cache = cache(manager, CACHE);
        listening = new MutableCacheEntryListenerConfiguration<>(
                FactoryBuilder.factoryOf(new GridListener(origin, receiver)), null, false, false);
        cache.registerCacheEntryListener(listening);
    }

    /** The named cache, made by the first instance that asks; every entry expires a minute after it was written. */
    static Cache<String, byte[]> cache(CacheManager manager, String name) {
        Cache<String, byte[]> existing = manager.getCache(name);
        if (existing != null) {
            return existing;
        }
        try {
            return manager.createCache(name, new MutableConfiguration<String, byte[]>()
                    .setExpiryPolicyFactory(CreatedExpiryPolicy.factoryOf(KEPT)));
        } catch (CacheException madeMeanwhile) {
            // Another instance created it first.
            return manager.getCache(name);
        }
    }

    @Override
    public void publish(byte[] event) {
        cache.put(origin + "/" + UUID.randomUUID(), event);
    }

    /** Writes a value under this instance's own key and reads it back; one left by an instance gone expires. */
    @Override
    public boolean usable() {
        var value = Long.toString(System.nanoTime()).getBytes(StandardCharsets.US_ASCII);
        var probes = cache(manager, PROBES);
        probes.put(origin, value);
        return Arrays.equals(value, probes.get(origin));
    }

    @Override
    public void close() {
        cache.deregisterCacheEntryListener(listening);
    }
}
