package torii.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One Payara Micro running the built WAR as a plain process, as an operator starts it: on loopback, bounded by
 * {@code timeout}, its log in a file. {@link #kill} ends it at once, as a crash would.
 */
public final class Instance {

    private static final Duration START = Duration.ofMinutes(3);

    private final Process process;
    private final Path log;
    public final Api api;

    private Instance(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.api = new Api(URI.create("http://127.0.0.1:" + port + "/"));
    }

    /** Starts it and waits until it answers; JVM options first, then Payara Micro's own. */
    public static Instance start(Path log, int port, List<String> jvmOptions, List<String> microOptions) {
        return start(log, port, Path.of(System.getProperty("torii.war")), Duration.ofSeconds(900), jvmOptions,
                microOptions);
    }

    /** Starts the given WAR, killed by timeout once the limit has passed whatever happens to the test. */
    public static Instance start(Path log, int port, Path war, Duration limit, List<String> jvmOptions,
            List<String> microOptions) {
        var command = new ArrayList<>(List.of("timeout", String.valueOf(limit.toSeconds()), "java", "-Xmx384m"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", System.getProperty("payara.microJar"), "--port", String.valueOf(port),
                "--prebootcommandfile", "server-config/loopback.asadmin", "--deploy", war.toString(),
                "--contextroot", "/"));
        command.addAll(microOptions);
        try {
            Files.createDirectories(log.getParent());
            var process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            var instance = new Instance(process, log, port);
            instance.awaitStart();
            return instance;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void awaitStart() {
        var deadline = Instant.now().plus(START);
        while (Instant.now().isBefore(deadline) && process.isAlive()) {
            try {
                if (api.get("status").status() == 200) {
                    return;
                }
            } catch (RuntimeException notYet) {
                // Connection refused until the server listens.
            }
            pause(Duration.ofSeconds(1));
        }
        stop();
        throw new IllegalStateException("Payara Micro did not start in " + START + "; see " + log);
    }

    /** A SIGKILL to the server itself (not to the timeout around it): no shutdown, no goodbye to the grid. */
    public void kill() {
        process.toHandle().children().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    public void stop() {
        process.toHandle().children().forEach(ProcessHandle::destroy);
        process.destroy();
    }

    /** Stops it and waits for it to end; kills it, by its pid, if it has not ended within the grace period. */
    public void stop(Duration grace) {
        var children = process.toHandle().children().toList();
        stop();
        try {
            process.onExit().get(grace.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (Exception notInTime) {
            kill();
        }
        children.forEach(ProcessHandle::destroyForcibly);
    }

    /** The pid of the server's JVM (the child of timeout), or of timeout itself while the JVM is not yet there. */
    public long pid() {
        return process.toHandle().children().findFirst().orElse(process.toHandle()).pid();
    }

    /** Waits for a stopped instance to be gone, so that the next may open its database. */
    public void awaitExit() {
        try {
            process.onExit().get(60, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            kill();
        }
    }

    public boolean log(String text) {
        return logText().contains(text);
    }

    /** Everything the server has logged so far. */
    public String logText() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
