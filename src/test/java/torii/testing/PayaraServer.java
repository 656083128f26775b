package torii.testing;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.spi.ConfigurationException;
import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.spi.client.container.LifecycleException;
import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;

/**
 * Runs black-box tests against the Payara Server that the build unpacked, managed as an operator would with asadmin: a
 * fresh domain under target/, every listener on loopback (server-config/payara-server-loopback.asadmin), settings as
 * system properties, the WAR deployed with asadmin deploy. Only the Payara Server run (torii.payara-server.home) loads
 * it.
 */
public class PayaraServer extends ApplicationServer<PayaraServer.Settings> {

    static final String DOMAIN = "torii";
    static final String LOG = "payara-server-asadmin.log";
    private static final String CONSOLE = "payara-server-console.log";
    private static final Duration START_LIMIT = Duration.ofMinutes(4);
    private static final Duration COMMAND_LIMIT = Duration.ofMinutes(3);

    /** The domain of this run, for tests that manage it as an operator would. */
    private static PayaraServer running;

    private Process server;
    private Servers.Guarded guarded;

    public PayaraServer() {
        super(Settings.class);
    }

    public static PayaraServer running() {
        if (running == null) {
            throw new IllegalStateException("No Payara Server domain is running in this test run");
        }
        return running;
    }

    @Override
    public void start() throws LifecycleException {
        try {
            var domains = domains();
            if (Files.exists(domains)) {
                try (var old = Files.walk(domains)) {
                    for (var file : old.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(file);
                    }
                }
            }
            Files.deleteIfExists(Servers.log(LOG));
            asadminLocal("create-domain", "--nopassword", "--portbase", String.valueOf(settings.portBase()),
                    "--domaindir", domains.toString(), DOMAIN);
            keepOnLoopback(domains.resolve(DOMAIN).resolve("config/domain.xml"));
            // --verbose keeps the server a child of asadmin: timeout bounds its whole life, not only its start.
            server = new ProcessBuilder("timeout", String.valueOf(settings.getTimeLimitSeconds()), asadminPath(),
                    "start-domain", "--verbose", "--domaindir", domains.toString(), DOMAIN)
                    .redirectErrorStream(true).redirectOutput(Servers.log(CONSOLE).toFile())
                    .start();
            guarded = new Servers.Guarded(server.toHandle());
            // The admin listener answers its REST interface once the domain has started.
            awaitOk(URI.create("http://127.0.0.1:" + settings.adminPort() + "/management/domain"), START_LIMIT, server,
                    "Payara Server", CONSOLE);
            asadmin("multimode", "--file",
                    Path.of("server-config/payara-server-loopback.asadmin").toAbsolutePath().toString());
            asadmin("create-system-properties", settings.getSystemProperties().trim().replace(":", "\\:")
                    .replaceAll("\\s+", ":"));
            running = this;
        } catch (IOException e) {
            throw new LifecycleException("Payara Server did not start", e);
        }
    }

    /**
     * asadmin set needs a running domain, and a fresh one would already listen on every interface: so before its first
     * start the domain's configuration gets what the loopback command file sets (which then runs on it, changing
     * nothing, to prove it). Each change must apply, or the layout of domain.xml is not what this expects.
     */
    private static void keepOnLoopback(Path domainXml) throws IOException, LifecycleException {
        var xml = Files.readString(domainXml);
        String[][] changes = {
            {"address=\"0\\.0\\.0\\.0\"", "address=\"127.0.0.1\""},
            {"<network-listener (?![^>]*address=)", "<network-listener address=\"127.0.0.1\" "},
            // server-config has no jms-service until the first start, which adds an embedded one.
            {"(?s)\\A(.*?<config name=\"server-config\">.*?)</config>", "$1<jms-service type=\"DISABLED\" "
                + "default-jms-host=\"default_JMS_host\"><jms-host name=\"default_JMS_host\" host=\"localhost\" "
                + "port=\"\\${JMS_PROVIDER_PORT}\"/></jms-service></config>"},
            {";AUTO_SERVER=TRUE", ""},
            {"<hazelcast-runtime-configuration ",
                "<hazelcast-runtime-configuration das-bind-address=\"127.0.0.1\" interface=\"127.0.0.1\" "},
            {"(<server name=\"server\" config-ref=\"server-config\">)",
                "$1<system-property name=\"hazelcast.socket.bind.any\" value=\"false\"/>"},
        };
        for (var change : changes) {
            var matcher = Pattern.compile(change[0]).matcher(xml);
            if (!matcher.find()) {
                throw new LifecycleException("Unexpected domain.xml, no " + change[0] + " in " + domainXml);
            }
            xml = matcher.replaceAll(change[1]);
        }
        Files.writeString(domainXml, xml);
    }

    /** Runs an asadmin command against the running domain, as an operator would; its output goes to target/. */
    public void asadmin(String... command) throws LifecycleException {
        var line = new ArrayList<>(List.of(asadminPath(), "--host", "127.0.0.1", "--port",
                String.valueOf(settings.adminPort()), "--interactive=false"));
        line.addAll(List.of(command));
        Servers.run(COMMAND_LIMIT, LOG, line.toArray(String[]::new));
    }

    private void asadminLocal(String... command) throws LifecycleException {
        var line = new ArrayList<>(List.of(asadminPath(), "--interactive=false"));
        line.addAll(List.of(command));
        Servers.run(COMMAND_LIMIT, LOG, line.toArray(String[]::new));
    }

    /** The process of the server itself, which asadmin started: tests look at what it listens on. */
    public ProcessHandle serverProcess() throws IOException {
        var pid = Files.readString(domains().resolve(DOMAIN).resolve("config/pid")).trim();
        return ProcessHandle.of(Long.parseLong(pid)).orElseThrow(() -> new IOException("No process " + pid));
    }

    @Override
    public int httpPort() {
        return settings.httpPort();
    }

    /** The admin listener's port, on loopback: asadmin's and the web admin console's. */
    public int adminPort() {
        return settings.adminPort();
    }

    @Override
    void halt() throws LifecycleException {
        if (server == null) {
            return;
        }
        running = null;
        try {
            var pid = serverProcess();
            try {
                asadminLocal("stop-domain", "--domaindir", domains().toString(), DOMAIN);
            } finally {
                // If stop-domain failed or hung, the server goes the hard way.
                if (pid.isAlive()) {
                    Servers.end(pid);
                }
            }
        } catch (IOException e) {
            throw new LifecycleException("Could not find Payara Server's pid", e);
        } finally {
            guarded.end();
            server = null;
        }
    }

    @Override
    void install(Archive<?> archive) throws DeploymentException {
        try {
            var war = Servers.log("payara-server-" + archive.getName());
            archive.as(ZipExporter.class).exportTo(war.toFile(), true);
            asadmin("deploy", "--contextroot", "/", "--name", DOMAIN, war.toString());
        } catch (IOException | LifecycleException e) {
            throw new DeploymentException("Payara Server could not deploy " + archive.getName() + "; see target/" + LOG
                    + " and target/payara-server-domains/" + DOMAIN + "/logs/server.log", e);
        }
    }

    @Override
    void remove(Archive<?> archive) throws DeploymentException {
        try {
            asadmin("undeploy", DOMAIN);
        } catch (LifecycleException e) {
            throw new DeploymentException("Payara Server could not undeploy " + DOMAIN, e);
        }
    }

    private String asadminPath() {
        return Path.of(settings.getHome(), "bin/asadmin").toString();
    }

    private static Path domains() throws IOException {
        return Servers.log("payara-server-domains");
    }

    /** The container's settings in arquillian-payara-server.xml. */
    public static class Settings extends ApplicationServer.Settings {

        private int fixedPort;
        private String systemProperties = "";

        @Override
        public void validate() throws ConfigurationException {
            requireHome("bin/asadmin", "Payara Server");
            if (fixedPort <= 100) {
                throw new ConfigurationException("fixedPort must be set: the domain's ports lie below it");
            }
        }

        /**
         * create-domain gives the domain the ports from portbase + 9 (debugger) to portbase + 86 (JMX), the data grid's
         * included: 93 below the fixed port puts them all in the 80 ports below it, apart from the WildFly run's.
         */
        int portBase() {
            return fixedPort - 93;
        }

        int adminPort() {
            return portBase() + 48;
        }

        int httpPort() {
            return portBase() + 80;
        }

        public int getFixedPort() {
            return fixedPort;
        }

        public void setFixedPort(int fixedPort) {
            this.fixedPort = fixedPort;
        }

        public String getSystemProperties() {
            return systemProperties;
        }

        public void setSystemProperties(String systemProperties) {
            this.systemProperties = systemProperties;
        }
    }

    /** Registers the container only for the Payara Server run, so that the other runs keep theirs alone. */
    public static class Extension extends ApplicationServer.Registration {

        public Extension() {
            super("torii.payara-server.home", PayaraServer.class);
        }
    }
}
