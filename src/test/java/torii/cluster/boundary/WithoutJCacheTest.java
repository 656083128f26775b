package torii.cluster.boundary;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URL;
import java.net.URLClassLoader;
import org.junit.jupiter.api.Test;

/** On a server without the JCache API (WildFly, for one) the cluster boundary still loads, and works locally. */
class WithoutJCacheTest {

    /** Sees the application's classes afresh, and everything else but javax.cache. */
    static final class ServerWithoutJCache extends URLClassLoader {

        ServerWithoutJCache() {
            super(new URL[] {Cluster.class.getProtectionDomain().getCodeSource().getLocation()},
                    WithoutJCacheTest.class.getClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.startsWith("javax.cache.")) {
                throw new ClassNotFoundException(name);
            }
            if (name.startsWith("torii.")) {
                synchronized (getClassLoadingLock(name)) {
                    var loaded = findLoadedClass(name);
                    return loaded != null ? loaded : findClass(name);
                }
            }
            return super.loadClass(name, resolve);
        }
    }

    @Test
    void theBoundaryLoadsAndStaysLocal() throws Exception {
        try (var server = new ServerWithoutJCache()) {
            var type = server.loadClass(Cluster.class.getName());
            var cluster = type.getDeclaredConstructor().newInstance();
            var grid = type.getDeclaredMethod("grid");
            grid.setAccessible(true);
            var local = server.loadClass("torii.cluster.control.Broadcast").getField("LOCAL").get(null);
            assertSame(local, grid.invoke(cluster));
            assertThrows(ClassNotFoundException.class, () -> server.loadClass("javax.cache.CacheManager"));
        }
    }
}
