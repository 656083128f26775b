package torii.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.spi.client.container.LifecycleException;

/** What the adapters share: their logs under target/, bounded commands, and servers that never outlive the run. */
final class Servers {

    private static final Duration GRACE = Duration.ofSeconds(30);

    private Servers() {
    }

    static Path log(String name) throws IOException {
        return Files.createDirectories(Path.of("target")).resolve(name).toAbsolutePath();
    }

    /** Runs a command to its end within the limit (timeout kills it after that), its output appended to a log. */
    static void run(Duration limit, String log, String... command) throws LifecycleException {
        var bounded = new ArrayList<>(List.of("timeout", String.valueOf(limit.toSeconds())));
        bounded.addAll(List.of(command));
        try {
            var file = log(log);
            Files.writeString(file, "$ " + String.join(" ", command) + "\n", StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            var process = new ProcessBuilder(bounded).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(file.toFile())).start();
            if (process.waitFor() != 0) {
                throw new LifecycleException(String.join(" ", command) + " failed; see target/" + log);
            }
        } catch (IOException e) {
            throw new LifecycleException("Could not run " + command[0], e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LifecycleException("Interrupted while running " + command[0], e);
        }
    }

    /** Asks a process and its children to stop, and kills them if they have not within half a minute. */
    static void end(ProcessHandle process) {
        var family = new ArrayList<>(process.descendants().toList());
        family.add(process);
        family.forEach(ProcessHandle::destroy);
        for (var member : family) {
            try {
                member.onExit().get(GRACE.toSeconds(), TimeUnit.SECONDS);
            } catch (Exception e) {
                family.forEach(ProcessHandle::destroyForcibly);
                break;
            }
        }
    }

    static void pause() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A server process that cannot outlive the test JVM: {@link #end} stops it, a shutdown hook stops whatever is still
     * running when the JVM exits, and a watchdog process stops it (killing it after the grace period) if the JVM is
     * killed and runs no hook.
     */
    static final class Guarded {

        private static final Set<Guarded> RUNNING = ConcurrentHashMap.newKeySet();

        static {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(Guarded::end)));
        }

        private final ProcessHandle server;
        private final Process watchdog;

        Guarded(ProcessHandle server) {
            this.server = server;
            var pid = server.pid();
            // tail --pid returns when that process is gone; the tree is read when the JVM is, not before.
            var script = "tree() { for child in $(pgrep -P $1); do tree $child; done; echo $1; }; "
                    + "tail --pid=" + ProcessHandle.current().pid() + " -f /dev/null; family=$(tree " + pid + "); "
                    + "kill $family; timeout " + GRACE.toSeconds() + " tail --pid=" + pid + " -f /dev/null "
                    + "|| kill -9 $family";
            try {
                watchdog = new ProcessBuilder("sh", "-c", script).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            } catch (IOException e) {
                Servers.end(server);
                throw new IllegalStateException("Could not watch the server " + pid, e);
            }
            RUNNING.add(this);
        }

        long pid() {
            return server.pid();
        }

        void end() {
            try {
                Servers.end(server);
            } finally {
                watchdog.destroy();
                RUNNING.remove(this);
            }
        }
    }
}
