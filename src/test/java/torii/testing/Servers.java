package torii.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.spi.client.container.LifecycleException;

/** What the adapters for whole application servers share: their logs under target/, bounded commands, the end. */
final class Servers {

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
            Files.writeString(file, "$ " + String.join(" ", command) + "\n", java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
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

    /** Asks a process to stop, and kills it if it has not within half a minute. */
    static void end(ProcessHandle process) {
        process.destroy();
        try {
            process.onExit().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
        }
    }

    static void pause() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
