package torii.testing;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jboss.arquillian.container.spi.ConfigurationException;
import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.spi.client.container.LifecycleException;
import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;

/**
 * Runs black-box tests against the WildFly that the build unpacked: configures it with server-config/wildfly/torii.cli
 * as an operator would, starts it on loopback ports, deploys the WAR by dropping it into standalone/deployments/, and
 * kills the server by its pid at the end. Only the WildFly test run (system property torii.wildfly.home) loads it.
 */
public class WildFly extends ApplicationServer<WildFly.Settings> {

    private static final Duration START_LIMIT = Duration.ofMinutes(3);
    private static final Duration DEPLOY_LIMIT = Duration.ofMinutes(3);
    private static final String CONSOLE = "wildfly-console.log";

    private Process server;
    private Servers.Guarded guarded;

    public WildFly() {
        super(Settings.class);
    }

    @Override
    public void start() throws LifecycleException {
        var home = Path.of(settings.getHome());
        try {
            configure(home);
            try (var leftovers = Files.list(deployments())) {
                for (var file : leftovers.filter(file -> file.getFileName().toString().startsWith("torii.war")).toList()) {
                    Files.delete(file);
                }
            }
            var pidFile = Servers.log("wildfly.pid");
            Files.deleteIfExists(pidFile);
            var command = new ArrayList<>(List.of("timeout", String.valueOf(settings.getTimeLimitSeconds()),
                    home.resolve("bin/standalone.sh").toString(), "-b", "127.0.0.1", "-bmanagement", "127.0.0.1",
                    "-Djboss.http.port=" + httpPort(),
                    "-Djboss.https.port=" + (settings.getPortBase() + 2),
                    "-Djboss.management.http.port=" + settings.managementPort(),
                    "-Djboss.management.https.port=" + (settings.getPortBase() + 4)));
            command.addAll(List.of(settings.getServerOptions().trim().split("\\s+")));
            var builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(Servers.log(CONSOLE).toFile());
            // In the background the start script passes signals on to the server and names its pid in this file.
            builder.environment().put("LAUNCH_JBOSS_IN_BACKGROUND", "true");
            builder.environment().put("JBOSS_PIDFILE", pidFile.toString());
            server = builder.start();
            guarded = new Servers.Guarded(server.toHandle());
            // The server is ready when the health subsystem that the script configures says so.
            awaitOk(URI.create("http://127.0.0.1:" + settings.managementPort() + "/health/ready"), START_LIMIT, server,
                    "WildFly", CONSOLE);
        } catch (IOException e) {
            throw new LifecycleException("WildFly did not start", e);
        }
    }

    /** Applies the documented configuration to standalone.xml offline; the script may run on it again and again. */
    private static void configure(Path home) throws LifecycleException {
        Servers.run(Duration.ofMinutes(3), "wildfly-cli.log", home.resolve("bin/jboss-cli.sh").toString(),
                "--file=" + Path.of("server-config/wildfly/torii.cli").toAbsolutePath());
    }

    @Override
    void halt() throws LifecycleException {
        if (server == null) {
            return;
        }
        try {
            var pidFile = Servers.log("wildfly.pid");
            if (Files.exists(pidFile)) {
                ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim())).ifPresent(Servers::end);
            }
        } catch (IOException e) {
            throw new LifecycleException("Could not read WildFly's pid", e);
        } finally {
            guarded.end();
            server = null;
        }
    }

    @Override
    int httpPort() {
        return settings.getPortBase() + 1;
    }

    private Path deployments() {
        return Path.of(settings.getHome(), "standalone/deployments");
    }

    @Override
    void install(Archive<?> archive) throws DeploymentException {
        var name = archive.getName();
        try {
            // The scanner must never see half a file: write it aside, then move it in at once.
            var staged = Path.of(settings.getHome(), "standalone/tmp", name);
            Files.createDirectories(staged.getParent());
            archive.as(ZipExporter.class).exportTo(staged.toFile(), true);
            Files.move(staged, deployments().resolve(name), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new DeploymentException("Could not place " + name + " in " + deployments(), e);
        }
        var deadline = Instant.now().plus(DEPLOY_LIMIT);
        while (Instant.now().isBefore(deadline)) {
            if (Files.exists(deployments().resolve(name + ".failed"))) {
                throw new DeploymentException("WildFly could not deploy " + name + "; see "
                        + Path.of(settings.getHome(), "standalone/log/server.log"));
            }
            if (Files.exists(deployments().resolve(name + ".deployed"))) {
                return;
            }
            Servers.pause();
        }
        throw new DeploymentException(name + " was not deployed within " + DEPLOY_LIMIT);
    }

    @Override
    void remove(Archive<?> archive) throws DeploymentException {
        try {
            Files.deleteIfExists(deployments().resolve(archive.getName()));
        } catch (IOException e) {
            throw new DeploymentException("Could not remove " + archive.getName(), e);
        }
        var deadline = Instant.now().plus(DEPLOY_LIMIT);
        while (Files.exists(deployments().resolve(archive.getName() + ".deployed")) && Instant.now().isBefore(deadline)) {
            Servers.pause();
        }
    }

    /** The container's settings in arquillian-wildfly.xml. */
    public static class Settings extends ApplicationServer.Settings {

        private int portBase;
        private String serverOptions = "";

        @Override
        public void validate() throws ConfigurationException {
            requireHome("bin/standalone.sh", "WildFly");
            if (portBase <= 0) {
                throw new ConfigurationException("portBase must be set: the server takes the four ports after it");
            }
        }

        int managementPort() {
            return portBase + 3;
        }

        public int getPortBase() {
            return portBase;
        }

        public void setPortBase(int portBase) {
            this.portBase = portBase;
        }

        public String getServerOptions() {
            return serverOptions;
        }

        public void setServerOptions(String serverOptions) {
            this.serverOptions = serverOptions;
        }
    }

    /** Registers the container only for the WildFly run, so that the Payara Micro runs keep theirs alone. */
    public static class Extension extends ApplicationServer.Registration {

        public Extension() {
            super("torii.wildfly.home", WildFly.class);
        }
    }
}
