package torii.metrics.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The WAR's classes as a server without MicroProfile Health, MicroProfile Metrics and JCache (WildFly's standalone.xml)
 * sees them: every class loads and links as CDI's discovery would load it, except the few that use those APIs, which
 * the container then skips instead of failing the deployment.
 */
class OptionalApisTest {

    static final Set<String> OPTIONAL_JARS = Set.of("microprofile-health-api", "microprofile-metrics-api", "cache-api");
    static final Set<String> ISOLATED = Set.of("torii.cluster.control.Grid", "torii.cluster.control.GridListener",
            "torii.health.boundary.DatabaseCheck", "torii.health.boundary.GridCheck",
            "torii.health.boundary.LivenessCheck",
            "torii.metrics.control.MicroProfileCounters");

    static Path classes() {
        return Path.of(System.getProperty("user.dir"), "target", "classes");
    }

    /** The test class path less the optional APIs and less the tests, with nothing from the application class path. */
    static URLClassLoader serverWithoutOptionalApis() {
        var path = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        var urls = Stream.of(path.split(File.pathSeparator))
                .filter(entry -> OPTIONAL_JARS.stream().noneMatch(jar -> new File(entry).getName().startsWith(jar + "-")))
                .filter(entry -> !entry.endsWith("test-classes"))
                .map(OptionalApisTest::url).toArray(URL[]::new);
        return new URLClassLoader(urls, ClassLoader.getPlatformClassLoader());
    }

    static URL url(String entry) {
        try {
            return new File(entry).toURI().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static Set<String> classNames() {
        try (var files = Files.walk(classes())) {
            return files.map(file -> classes().relativize(file).toString()).filter(name -> name.endsWith(".class"))
                    .filter(name -> !name.endsWith("package-info.class"))
                    .map(name -> name.substring(0, name.length() - ".class".length()).replace(File.separatorChar, '.'))
                    .collect(java.util.stream.Collectors.toCollection(TreeSet::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Loads and reflects on the class as a CDI container does when it considers it for a bean, then initializes it,
     * which verifies its code; what a static initializer needs of a running server is not this test's business.
     */
    static boolean loads(String name, ClassLoader loader) {
        try {
            var type = Class.forName(name, false, loader);
            type.getDeclaredFields();
            type.getDeclaredMethods();
            type.getDeclaredConstructors();
            type.getGenericInterfaces();
            type.getAnnotations();
        } catch (ClassNotFoundException | LinkageError missing) {
            return false;
        }
        try {
            Class.forName(name, true, loader);
        } catch (ClassNotFoundException | NoClassDefFoundError | VerifyError missing) {
            return false;
        } catch (Throwable needsAServer) {
            return true;
        }
        return true;
    }

    @Test
    void onlyTheIsolatedClassesNeedTheOptionalApis() throws IOException {
        var failing = new TreeSet<String>();
        try (var loader = serverWithoutOptionalApis()) {
            for (var name : classNames()) {
                if (!loads(name, loader)) {
                    failing.add(name);
                }
            }
        }
        assertEquals(new TreeSet<>(ISOLATED), failing);
    }
}
