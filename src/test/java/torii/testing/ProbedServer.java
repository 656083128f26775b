package torii.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;

/**
 * A Payara Micro that a test starts itself, where Arquillian does not: a copy of the built WAR with {@link StateProbe}
 * added, on a free loopback port of the given range, ended by timeout after its limit, whatever happens to the test;
 * and what the probe tells of it.
 */
public final class ProbedServer {

    private final Instance instance;
    public final URI base;
    public final Api api;
    public final RawHttp raw;

    private ProbedServer(Instance instance, int port) {
        this.instance = instance;
        this.base = URI.create("http://127.0.0.1:" + port + "/");
        this.api = new Api(base);
        this.raw = new RawHttp(base);
    }

    /**
     * Starts it in the folder (its WAR, temporary files and log go there) on Payara Micro's embedded H2 in memory,
     * or, when the build runs the integration tests on PostgreSQL (PostgresSuite), on a fresh database of that name.
     */
    public static ProbedServer start(Path folder, int firstPort, int lastPort, Duration limit, List<String> jvmOptions,
            String database) {
        try {
            Files.createDirectories(folder);
            var war = folder.resolve("torii-with-state-probe.war");
            Deployments.war().addClass(StateProbe.class).as(ZipExporter.class).exportTo(war.toFile(), true);
            var port = freePort(firstPort, lastPort);
            var jvm = new ArrayList<>(jvmOptions);
            jvm.addAll(List.of("-Djava.io.tmpdir=" + folder.toAbsolutePath(), "-Dtorii.db.name=" + database));
            var micro = PostgresSuite.freshDatabase(database).orElse(List.of("--nohazelcast", "--postbootcommandfile",
                    "target/test-classes/h2-in-memory.asadmin"));
            var server = new ProbedServer(Instance.start(folder.resolve("server.log"), port, war, limit, jvm, micro),
                    port);
            // The server dies with this JVM, whatever ends it.
            Runtime.getRuntime().addShutdownHook(new Thread(server.instance::kill));
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The users, clients and signing keys as stored now, one line per row ("table key hash"). */
    public List<String> state() {
        var reply = api.get("test-only/state");
        if (reply.status() != 200) {
            throw new IllegalStateException("GET /test-only/state answered " + reply.status() + " " + reply.body());
        }
        return StateProbe.lines(reply.body());
    }

    /** The private JWK of the key that signs now. */
    public String signingKey() {
        return api.get("test-only/signing-key").body();
    }

    /** Bytes of heap in use after a full collection, and the most the heap may grow to. */
    public long[] heap() {
        var reply = api.get("test-only/heap");
        return Arrays.stream(reply.body().trim().split(" ")).mapToLong(Long::parseLong).toArray();
    }

    /** Stops it, by its pid, killed if it has not ended within half a minute. */
    public void stop() {
        instance.stop(Duration.ofSeconds(30));
    }

    static int freePort(int first, int last) {
        for (int port = first; port <= last; port++) {
            try (var socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                return port;
            } catch (IOException taken) {
                // The next one.
            }
        }
        throw new IllegalStateException("No free port from " + first + " to " + last);
    }
}
