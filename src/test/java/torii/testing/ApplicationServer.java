package torii.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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

/**
 * What the adapters for whole application servers that the build unpacked share: one server for the whole run, on
 * loopback, its WAR deployed once and kept for every test class that deploys the same archive (replaced when another
 * comes), undeployed and the server stopped at the end; the WAR is served at the root.
 */
abstract class ApplicationServer<S extends ApplicationServer.Settings>
        implements DeployableContainer<S>, KeepsDeployments {

    private final Class<S> settingsClass;
    protected S settings;
    private Archive<?> deployed;
    private String deployedDigest;

    ApplicationServer(Class<S> settingsClass) {
        this.settingsClass = settingsClass;
    }

    /** Places the archive on the running server and returns once it is deployed. */
    abstract void install(Archive<?> archive) throws DeploymentException;

    /** Takes it off again. */
    abstract void remove(Archive<?> archive) throws DeploymentException;

    /** Stops the server, by its pid if it does not stop as asked. */
    abstract void halt() throws LifecycleException;

    abstract int httpPort();

    @Override
    public Class<S> getConfigurationClass() {
        return settingsClass;
    }

    @Override
    public void setup(S settings) {
        this.settings = settings;
    }

    @Override
    public ProtocolDescription getDefaultProtocol() {
        return new ProtocolDescription("Local");
    }

    @Override
    public boolean runs(Archive<?> archive) {
        return deployed != null && deployedDigest.equals(Archives.digest(archive));
    }

    @Override
    public ProtocolMetaData deploy(Archive<?> archive) throws DeploymentException {
        var digest = Archives.digest(archive);
        if (deployed == null || !deployedDigest.equals(digest)) {
            if (deployed != null) {
                remove(deployed);
                deployed = null;
            }
            install(archive);
            deployed = archive;
            deployedDigest = digest;
        }
        return new ProtocolMetaData().addContext(new HTTPContext("127.0.0.1", httpPort())
                .add(new Servlet("root", "")));
    }

    @Override
    public void undeploy(Archive<?> archive) {
        // Kept for the next test class; stop() undeploys.
    }

    @Override
    public void stop() throws LifecycleException {
        try {
            if (deployed != null) {
                remove(deployed);
            }
        } catch (DeploymentException e) {
            throw new LifecycleException("Could not undeploy " + deployed.getName(), e);
        } finally {
            deployed = null;
            halt();
        }
    }

    /** Polls the URL until it answers 200, for as long as the server runs and at most the limit. */
    static void awaitOk(URI url, Duration limit, Process server, String name, String log) throws LifecycleException {
        var client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        var request = HttpRequest.newBuilder(url).header("Accept", "application/json").timeout(Duration.ofSeconds(5))
                .build();
        var deadline = Instant.now().plus(limit);
        while (Instant.now().isBefore(deadline)) {
            if (!server.isAlive()) {
                throw new LifecycleException(name + " stopped while starting; see target/" + log);
            }
            try {
                if (client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // Not listening yet.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LifecycleException("Interrupted while waiting for " + name, e);
            }
            Servers.pause();
        }
        throw new LifecycleException(name + " was not up within " + limit + "; see target/" + log);
    }

    /** Where the server is unpacked, and how long it may run at the most. */
    public abstract static class Settings implements ContainerConfiguration {

        private String home;
        private int timeLimitSeconds = 1800;

        /** Checks that home holds the unpacked server, known by one of its programs. */
        void requireHome(String program, String server) throws ConfigurationException {
            if (home == null || !Files.isExecutable(Path.of(home, program))) {
                throw new ConfigurationException("home must name an unpacked " + server + ", was " + home);
            }
        }

        public String getHome() {
            return home;
        }

        public void setHome(String home) {
            this.home = home;
        }

        public int getTimeLimitSeconds() {
            return timeLimitSeconds;
        }

        public void setTimeLimitSeconds(int timeLimitSeconds) {
            this.timeLimitSeconds = timeLimitSeconds;
        }
    }

    /** Registers an adapter only for the run whose system property names its server, so the others keep theirs. */
    abstract static class Registration implements LoadableExtension {

        private final String property;
        private final Class<? extends DeployableContainer<?>> adapter;

        Registration(String property, Class<? extends DeployableContainer<?>> adapter) {
            this.property = property;
            this.adapter = adapter;
        }

        @Override
        public void register(ExtensionBuilder builder) {
            if (System.getProperty(property) != null) {
                builder.service(DeployableContainer.class, adapter);
            }
        }
    }
}
