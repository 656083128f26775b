package torii.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.jboss.arquillian.container.spi.event.container.BeforeDeploy;
import org.jboss.arquillian.core.api.annotation.Observes;
import org.jboss.arquillian.core.spi.LoadableExtension;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Runs the integration tests on PostgreSQL when the system property {@code torii.it.postgresql} names a folder: starts
 * a throwaway PostgreSQL there before any container, gives each container of arquillian.xml a database of its own
 * (torii_ and its name), and hands every server the driver and server-config/postgresql.asadmin through the property
 * {@code torii.it.database}. Containers whose H2 database lives only as long as the server get an empty one each
 * time a server starts, as they would on H2 (not when a test class is given the server that already runs).
 */
public class PostgresSuite implements LauncherSessionListener, LoadableExtension {

    static final Set<String> LASTING = Set.of("configured-key", "in-container", "generated-key", "restart");
    static final Set<String> FRESH_EACH_START = Set.of("throttled", "throttled-logins", "address-limit", "timing",
            "gateway");
    private static Postgres postgres;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        var folder = System.getProperty("torii.it.postgresql");
        if (folder == null || postgres != null) {
            return;
        }
        postgres = Postgres.start(Path.of(folder));
        LASTING.forEach(container -> postgres.recreate(database(container)));
        FRESH_EACH_START.forEach(container -> postgres.recreate(database(container)));
        try {
            var connection = Files.writeString(Path.of(folder, "connection.properties"),
                    "torii.db.host=127.0.0.1\ntorii.db.port=" + postgres.port() + "\ntorii.db.user=" + Postgres.USER + "\n");
            System.setProperty("torii.it.database", "--nohazelcast --addlibs " + System.getProperty("torii.it.jdbc-driver")
                    + " --systemproperties " + connection + " --postbootcommandfile server-config/postgresql.asadmin");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        if (postgres != null) {
            postgres.stop();
            postgres = null;
        }
    }

    /**
     * For a test that starts a server itself: Payara Micro's options for a fresh database of that name on the run's
     * PostgreSQL (the server names it with -Dtorii.db.name), or empty when the run is not on PostgreSQL.
     */
    public static java.util.Optional<java.util.List<String>> freshDatabase(String name) {
        if (postgres == null) {
            return java.util.Optional.empty();
        }
        postgres.recreate(name);
        return java.util.Optional.of(java.util.List.of(System.getProperty("torii.it.database").split(" ")));
    }

    /** The name arquillian.xml gives the container's database in torii.db.name. */
    static String database(String container) {
        return "torii_" + container.replace('-', '_');
    }

    @Override
    public void register(ExtensionBuilder builder) {
        builder.observer(FreshDatabases.class);
    }

    /** Empties the database of a container whose data must not outlive its server, before a server starts. */
    public static class FreshDatabases {

        public void emptyDatabase(@Observes BeforeDeploy event) {
            var container = event.getDeployment().getTarget().getName();
            if (postgres != null && FRESH_EACH_START.contains(container) && !alreadyRuns(event)) {
                postgres.recreate(database(container));
            }
        }

        static boolean alreadyRuns(BeforeDeploy event) {
            var deployment = event.getDeployment();
            var archive = deployment.getTestableArchive() != null ? deployment.getTestableArchive()
                    : deployment.getArchive();
            return event.getDeployableContainer() instanceof KeepsDeployments keeps && keeps.runs(archive);
        }
    }
}
