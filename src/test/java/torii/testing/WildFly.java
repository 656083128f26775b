package torii.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jboss.arquillian.container.spi.ConfigurationException;
import org.jboss.arquillian.container.spi.client.container.ContainerConfiguration;
import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.spi.client.container.LifecycleException;
import org.jboss.arquillian.container.spi.client.protocol.ProtocolDescription;
import org.jboss.arquillian.container.spi.client.protocol.metadata.HTTPContext;
import org.jboss.arquillian.container.spi.client.protocol.metadata.ProtocolMetaData;
import org.jboss.arquillian.container.spi.client.protocol.metadata.Servlet;
import org.jboss.arquillian.core.spi.LoadableExtension;
import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;

/**
 * Runs black-box tests against the WildFly that the build unpacked: configures it with server-config/wildfly/torii.cli
 * as an operator would, starts it on loopback ports, deploys the WAR by dropping it into standalone/deployments/, and
 * kills the server by its pid at the end. Only the WildFly test run (system property torii.wildfly.home) loads it.
 */
public class WildFly implements DeployableContainer<WildFly.Settings> {

    private static final Duration START_LIMIT = Duration.ofMinutes(3);
    private static final Duration DEPLOY_LIMIT = Duration.ofMinutes(3);

    private Settings settings;
    private Process server;

    @Override
    public Class<Settings> getConfigurationClass() {
        return Settings.class;
    }

    @Override
    public void setup(Settings settings) {
        this.settings = settings;
    }

    @Override
    public ProtocolDescription getDefaultProtocol() {
        return new ProtocolDescription("Local");
    }

    @Override
    public void start() throws LifecycleException {
        var home = Path.of(settings.getHome());
        try {
            configure(home);
            var deployments = home.resolve("standalone/deployments");
            try (var leftovers = Files.list(deployments)) {
                for (var file : leftovers.filter(file -> file.getFileName().toString().startsWith("torii.war")).toList()) {
                    Files.delete(file);
                }
            }
            var pidFile = Servers.log("wildfly.pid");
            Files.deleteIfExists(pidFile);
            var command = new ArrayList<>(List.of("timeout", String.valueOf(settings.getTimeLimitSeconds()),
                    home.resolve("bin/standalone.sh").toString(), "-b", "127.0.0.1", "-bmanagement", "127.0.0.1",
                    "-Djboss.http.port=" + settings.httpPort(),
                    "-Djboss.https.port=" + (settings.getPortBase() + 2),
                    "-Djboss.management.http.port=" + settings.managementPort(),
                    "-Djboss.management.https.port=" + (settings.getPortBase() + 4)));
            command.addAll(List.of(settings.getServerOptions().trim().split("\\s+")));
            var builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(Servers.log("wildfly-console.log").toFile());
            // In the background the start script passes signals on to the server and names its pid in this file.
            builder.environment().put("LAUNCH_JBOSS_IN_BACKGROUND", "true");
            builder.environment().put("JBOSS_PIDFILE", pidFile.toString());
            server = builder.start();
            awaitReady();
        } catch (IOException e) {
            throw new LifecycleException("WildFly did not start", e);
        }
    }

    /** Applies the documented configuration to standalone.xml offline; the script may run on it again and again. */
    private static void configure(Path home) throws LifecycleException {
        Servers.run(Duration.ofMinutes(3), "wildfly-cli.log", home.resolve("bin/jboss-cli.sh").toString(),
                "--file=" + Path.of("server-config/wildfly/torii.cli").toAbsolutePath());
    }

    /** The server is ready when the health subsystem that the script configures says so. */
    private void awaitReady() throws LifecycleException {
        var client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        var ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + settings.managementPort() + "/health/ready"))
                .timeout(Duration.ofSeconds(5)).build();
        var deadline = Instant.now().plus(START_LIMIT);
        while (Instant.now().isBefore(deadline)) {
            if (!server.isAlive()) {
                throw new LifecycleException("WildFly stopped while starting; see target/wildfly-console.log");
            }
            try {
                if (client.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // Not listening yet.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LifecycleException("Interrupted while waiting for WildFly", e);
            }
            Servers.pause();
        }
        throw new LifecycleException("WildFly was not ready within " + START_LIMIT + "; see target/wildfly-console.log");
    }

    @Override
    public void stop() throws LifecycleException {
        if (server == null) {
            return;
        }
        try {
            var pidFile = Servers.log("wildfly.pid");
            if (Files.exists(pidFile)) {
                ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim())).ifPresent(Servers::end);
            }
            Servers.end(server.toHandle());
        } catch (IOException e) {
            throw new LifecycleException("Could not read WildFly's pid", e);
        } finally {
            server = null;
        }
    }

    @Override
    public ProtocolMetaData deploy(Archive<?> archive) throws DeploymentException {
        var deployments = Path.of(settings.getHome(), "standalone/deployments");
        var name = archive.getName();
        try {
            // The scanner must never see half a file: write it aside, then move it in at once.
            var staged = Path.of(settings.getHome(), "standalone/tmp", name);
            Files.createDirectories(staged.getParent());
            archive.as(ZipExporter.class).exportTo(staged.toFile(), true);
            Files.move(staged, deployments.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new DeploymentException("Could not place " + name + " in " + deployments, e);
        }
        var deadline = Instant.now().plus(DEPLOY_LIMIT);
        while (Instant.now().isBefore(deadline)) {
            if (Files.exists(deployments.resolve(name + ".failed"))) {
                throw new DeploymentException("WildFly could not deploy " + name + "; see "
                        + Path.of(settings.getHome(), "standalone/log/server.log"));
            }
            if (Files.exists(deployments.resolve(name + ".deployed"))) {
                // jboss-web.xml puts the WAR at the root.
                return new ProtocolMetaData().addContext(new HTTPContext("127.0.0.1", settings.httpPort())
                        .add(new Servlet("root", "")));
            }
            Servers.pause();
        }
        throw new DeploymentException(name + " was not deployed within " + DEPLOY_LIMIT);
    }

    @Override
    public void undeploy(Archive<?> archive) throws DeploymentException {
        var deployments = Path.of(settings.getHome(), "standalone/deployments");
        try {
            Files.deleteIfExists(deployments.resolve(archive.getName()));
        } catch (IOException e) {
            throw new DeploymentException("Could not remove " + archive.getName(), e);
        }
        var deadline = Instant.now().plus(DEPLOY_LIMIT);
        while (Files.exists(deployments.resolve(archive.getName() + ".deployed")) && Instant.now().isBefore(deadline)) {
            Servers.pause();
        }
    }

    /** The container's settings in arquillian-wildfly.xml. */
    public static class Settings implements ContainerConfiguration {

        private String home;
        private int portBase;
        private String serverOptions = "";
        private int timeLimitSeconds = 1800;

        @Override
        public void validate() throws ConfigurationException {
            if (home == null || !Files.isExecutable(Path.of(home, "bin/standalone.sh"))) {
                throw new ConfigurationException("home must name an unpacked WildFly, was " + home);
            }
            if (portBase <= 0) {
                throw new ConfigurationException("portBase must be set: the server takes the four ports after it");
            }
        }

        int httpPort() {
            return portBase + 1;
        }

        int managementPort() {
            return portBase + 3;
        }

        public String getHome() {
            return home;
        }

        public void setHome(String home) {
            this.home = home;
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

        public int getTimeLimitSeconds() {
            return timeLimitSeconds;
        }

        public void setTimeLimitSeconds(int timeLimitSeconds) {
            this.timeLimitSeconds = timeLimitSeconds;
        }
    }

    /** Registers the container only for the WildFly run, so that the Payara Micro runs keep theirs alone. */
    public static class Extension implements LoadableExtension {

        @Override
        public void register(ExtensionBuilder builder) {
            if (System.getProperty("torii.wildfly.home") != null) {
                builder.service(DeployableContainer.class, WildFly.class);
            }
        }
    }
}
