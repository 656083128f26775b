package torii.testing;

import fish.payara.arquillian.container.payara.managed.PayaraMicroContainerConfiguration;
import fish.payara.arquillian.container.payara.managed.PayaraMicroDeployableContainer;
import java.util.Optional;
import java.util.logging.Logger;
import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.spi.client.protocol.ProtocolDescription;
import org.jboss.arquillian.container.spi.client.protocol.metadata.ProtocolMetaData;
import org.jboss.arquillian.core.spi.LoadableExtension;
import org.jboss.shrinkwrap.api.Archive;

/**
 * Payara's adapter starts a Payara Micro for each deployment and stops it at each undeploy, so every test class paid
 * for a start. This one delegates to it but keeps the server running after a test class: the next class that deploys
 * the same archive (same name and content) to the same container gets the running deployment; one that deploys another
 * archive stops it first. The servers stop at the end of the run, or at each undeploy for a container with
 * {@code shared=false}.
 */
public class SharedPayaraMicro implements DeployableContainer<SharedPayaraMicro.Settings>, KeepsDeployments {

    private static final Logger LOG = Logger.getLogger(SharedPayaraMicro.class.getName());

    private final PayaraMicroDeployableContainer payara = new PayaraMicroDeployableContainer();
    private Settings settings;
    private Running running;

    /** What runs in this container: which archive, where, and the server's process. */
    private record Running(String digest, Archive<?> archive, ProtocolMetaData metaData, Servers.Guarded server) {
    }

    @Override
    public Class<Settings> getConfigurationClass() {
        return Settings.class;
    }

    @Override
    public void setup(Settings settings) {
        this.settings = settings;
        payara.setup(settings);
    }

    @Override
    public ProtocolDescription getDefaultProtocol() {
        return payara.getDefaultProtocol();
    }

    @Override
    public void start() {
        // Payara's adapter starts the server when it deploys.
    }

    @Override
    public boolean runs(Archive<?> archive) {
        return settings.isShared() && running != null && running.digest().equals(Archives.digest(archive));
    }

    @Override
    public ProtocolMetaData deploy(Archive<?> archive) throws DeploymentException {
        var digest = Archives.digest(archive);
        if (settings.isShared() && running != null && running.digest().equals(digest)) {
            LOG.info(() -> "Payara Micro " + running.server().pid() + " already runs " + archive.getName());
            return running.metaData();
        }
        end();
        ProtocolMetaData metaData;
        try {
            metaData = payara.deploy(archive);
        } catch (DeploymentException | RuntimeException e) {
            // On a timeout Payara's adapter leaves the process running.
            serverProcess().ifPresent(server -> new Servers.Guarded(server).end());
            throw e;
        }
        var server = serverProcess().orElseThrow(() -> new DeploymentException("Payara Micro did not start"));
        if (metaData == null) {
            new Servers.Guarded(server).end();
            throw new DeploymentException("Payara Micro did not start " + archive.getName() + " in time");
        }
        running = new Running(digest, archive, metaData, new Servers.Guarded(server));
        return metaData;
    }

    @Override
    public void undeploy(Archive<?> archive) {
        if (!settings.isShared()) {
            end();
        }
    }

    @Override
    public void stop() {
        end();
    }

    /** Stops what runs here and waits until it is gone (killed if it hangs), so that its port and files are free. */
    private void end() {
        if (running == null) {
            return;
        }
        LOG.info(() -> "Stopping Payara Micro " + running.server().pid());
        try {
            // Payara's adapter only asks the process to end, and forgets its shutdown hook.
            payara.undeploy(running.archive());
        } catch (DeploymentException e) {
            // Ended below all the same.
        } finally {
            running.server().end();
            running = null;
        }
    }

    /** The process Payara's adapter started last, if it still runs; the adapter keeps it to itself. */
    private Optional<ProcessHandle> serverProcess() {
        try {
            var field = PayaraMicroDeployableContainer.class.getDeclaredField("payaraMicroProcess");
            field.setAccessible(true);
            var process = (Process) field.get(payara);
            return Optional.ofNullable(process).map(Process::toHandle).filter(ProcessHandle::isAlive);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Payara's adapter no longer keeps its process in payaraMicroProcess", e);
        }
    }

    /** Payara's settings of arquillian.xml, and whether the server outlives the test class. */
    public static class Settings extends PayaraMicroContainerConfiguration {

        private boolean shared = true;

        public boolean isShared() {
            return shared;
        }

        public void setShared(boolean shared) {
            this.shared = shared;
        }
    }

    /** Takes the place of Payara's adapter wherever it is on the class path. */
    public static class Extension implements LoadableExtension {

        @Override
        public void register(ExtensionBuilder builder) {
            if (onClassPath("fish.payara.arquillian.container.payara.managed.PayaraMicroDeployableContainer")) {
                builder.override(DeployableContainer.class, PayaraMicroDeployableContainer.class,
                        SharedPayaraMicro.class);
            }
        }

        static boolean onClassPath(String name) {
            try {
                Class.forName(name, false, Extension.class.getClassLoader());
                return true;
            } catch (ClassNotFoundException e) {
                return false;
            }
        }
    }
}
