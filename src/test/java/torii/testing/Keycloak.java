package torii.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * A real OpenID Connect provider for the federation tests: Keycloak's distribution from Maven Central, which the build
 * unpacks into target/ ({@code torii.keycloak.home}), run in development mode on 127.0.0.1 at
 * {@code torii.it.keycloak-port} with an in-memory database and the realm {@value #REALM} of
 * {@code src/test/resources/keycloak/company-realm.json} imported at start. It runs on its own JDK,
 * {@code torii.keycloak.java-home} (the pom names the machine's Temurin 25), not the tests' Java 17. Started once per
 * test JVM, at the first {@link #shared()}, within {@code torii.keycloak.start-seconds}; its output goes to
 * target/keycloak.log; it is stopped by its pid when the JVM ends, however it ends. The realm's people have fixed ids,
 * so that their subjects, and the local users linked to them, stay the same from one run to the next on a test database
 * that outlives the run.
 */
public final class Keycloak {

    public static final String REALM = "company";
    public static final String CLIENT_ID = "torii";
    public static final String CLIENT_SECRET = "torii-company-client-secret";

    /** A person of the realm, with the groups the realm puts them in. */
    public record Person(String username, String password, String name, String email, List<String> groups) {
    }

    public static final Person HANAKO = new Person("hanako", "hanako-company-password", "Hanako Sato",
            "hanako@company.test", List.of("data-science"));
    public static final Person KENJI = new Person("kenji", "kenji-company-password", "Kenji Ito", "kenji@company.test",
            List.of("data-science", "engineering"));

    /** The first start after unpacking also re-augments the distribution for development mode (about 20 s more). */
    static final Duration START_LIMIT = Duration.ofSeconds(Long.getLong("torii.keycloak.start-seconds", 240));
    static final String REALM_FILE = "keycloak/company-realm.json";

    private static Keycloak shared;

    private final int port;
    private final Servers.Guarded server;
    private final Duration startedIn;

    private Keycloak(int port, Servers.Guarded server, Duration startedIn) {
        this.port = port;
        this.server = server;
        this.startedIn = startedIn;
    }

    /** The test JVM's Keycloak, started at the first call. */
    public static synchronized Keycloak shared() {
        if (shared == null) {
            shared = start();
        }
        return shared;
    }

    /** Where the realm's discovery document is: {@code issuer + /.well-known/openid-configuration}. */
    public URI issuer() {
        return URI.create("http://127.0.0.1:" + port + "/realms/" + REALM);
    }

    public int port() {
        return port;
    }

    /** From the launch of kc.sh to the first answer of the realm's discovery document. */
    public Duration startedIn() {
        return startedIn;
    }

    /** The resident memory of kc.sh and Keycloak's JVM now, in bytes (read from /proc: 0 where there is none). */
    public long residentBytes() {
        return ProcessHandle.of(server.pid()).stream()
                .flatMap(process -> Stream.concat(Stream.of(process), process.descendants()))
                .mapToLong(Keycloak::resident).sum();
    }

    static long resident(ProcessHandle process) {
        try {
            return Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status")).stream()
                    .filter(line -> line.startsWith("VmRSS:")).mapToLong(line -> 1024 * Long.parseLong(
                            line.replaceAll("\\D", ""))).sum();
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    static Keycloak start() {
        var home = Path.of(required("torii.keycloak.home", "the unpacked distribution, which mvn verify makes"));
        var kcSh = home.resolve("bin/kc.sh");
        if (!Files.isExecutable(kcSh)) {
            throw new IllegalStateException(kcSh + " is missing: run the tests through mvn verify -Pfull (or with "
                    + "-Dtorii.it.skip-slow=false), which unpacks org.keycloak:keycloak-quarkus-dist into target/");
        }
        var javaHome = Path.of(required("torii.keycloak.java-home", "a JDK of version 21 or later"));
        if (!Files.isExecutable(javaHome.resolve("bin/java"))) {
            throw new IllegalStateException("Keycloak runs on the JDK of torii.keycloak.java-home, but " + javaHome
                    + "/bin/java is not there: install a JDK 21 or later and pass "
                    + "-Dtorii.keycloak.java-home=<its folder>");
        }
        var port = Integer.getInteger("torii.it.keycloak-port", 18190);
        try {
            ensureFree(port);
            // The realm is imported from data/import at every start; the database is in memory, so nothing is left
            // from a run before.
            var imports = Files.createDirectories(home.resolve("data/import"));
            try (var realm = Keycloak.class.getClassLoader().getResourceAsStream(REALM_FILE)) {
                Files.copy(Objects.requireNonNull(realm, REALM_FILE), imports.resolve("company-realm.json"),
                        StandardCopyOption.REPLACE_EXISTING);
            }
            var log = Servers.log("keycloak.log");
            var builder = new ProcessBuilder(kcSh.toString(), "start-dev", "--http-host=127.0.0.1",
                    "--http-port=" + port, "--db=dev-mem", "--import-realm")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
            var environment = builder.environment();
            environment.keySet().removeIf(name -> name.startsWith("JAVA_OPTS") || name.startsWith("KC_"));
            environment.put("JAVA_HOME", javaHome.toString());
            // Only the C1 compiler: a test provider answers a few requests, and starts a third faster without C2.
            environment.put("JAVA_OPTS_APPEND", System.getProperty("torii.keycloak.java-options",
                    "-XX:TieredStopAtLevel=1"));
            var launched = Instant.now();
            var process = builder.start();
            var server = new Servers.Guarded(process.toHandle());
            var keycloak = new Keycloak(port, server, awaitReady(process, server, port, launched, log));
            System.out.printf("Keycloak on 127.0.0.1:%d answered %.1f s after its launch; resident memory %d MB%n",
                    port, keycloak.startedIn().toMillis() / 1000.0, keycloak.residentBytes() >> 20);
            return keycloak;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Duration awaitReady(Process process, Servers.Guarded server, int port, Instant launched, Path log) {
        var discovery = URI.create("http://127.0.0.1:" + port + "/realms/" + REALM
                + "/.well-known/openid-configuration");
        var client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        var deadline = launched.plus(START_LIMIT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                server.end();
                throw new IllegalStateException("Keycloak ended with " + process.exitValue() + " before it answered; "
                        + "see " + log);
            }
            try {
                var answer = client.send(HttpRequest.newBuilder(discovery).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (answer.statusCode() == 200) {
                    return Duration.between(launched, Instant.now());
                }
            } catch (IOException notYet) {
                // Not listening yet.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                server.end();
                throw new IllegalStateException(e);
            }
            Servers.pause();
        }
        server.end();
        throw new IllegalStateException("Keycloak did not answer within " + START_LIMIT.toSeconds() + " s "
                + "(torii.keycloak.start-seconds); see " + log);
    }

    /** Another server on the port would answer the readiness check in Keycloak's place. */
    static void ensureFree(int port) {
        try (var socket = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
            socket.setReuseAddress(true);
        } catch (IOException e) {
            throw new IllegalStateException("Port " + port + " on 127.0.0.1 is taken, perhaps by a Keycloak of an "
                    + "earlier run; stop it, or pass -Dtorii.it.keycloak-port=N");
        }
    }

    static String required(String property, String what) {
        var value = System.getProperty(property, "");
        if (value.isBlank()) {
            throw new IllegalStateException(property + " must name " + what + "; the pom's failsafe configuration "
                    + "sets it");
        }
        return value.strip();
    }
}
