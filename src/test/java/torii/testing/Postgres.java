package torii.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway PostgreSQL from the machine's Debian package: a fresh cluster in a folder under target/, listening on a
 * free loopback port, trusting local connections of the user {@link #USER}, stopped and deleted with {@link #stop}.
 * PostgreSQL refuses to run as root, so when the tests do it runs as the package's postgres user.
 */
public final class Postgres {

    public static final String USER = "torii";
    private static final long STEP_SECONDS = 120;

    private final Path folder;
    private final int port;
    private Servers.Guarded server;

    private Postgres(Path folder, int port) {
        this.folder = folder;
        this.port = port;
    }

    public static Postgres start(Path folder) {
        try {
            var bin = binaries();
            deleteRecursively(folder);
            var data = Files.createDirectories(folder).resolve("data");
            if (asRoot()) {
                run(List.of("chown", "postgres:postgres", folder.toString()));
            }
            // -Dtorii.it.postgres-port=N keeps it on a port of the caller's choosing, as torii.it.fixed-port does.
            var fixed = System.getProperty("torii.it.postgres-port", "");
            var port = fixed.isBlank() ? freePort() : Integer.parseInt(fixed.trim());
            var postgres = new Postgres(folder, port);
            postgres.run(bin.resolve("initdb"), "-D", data.toString(), "-U", USER, "--auth=trust", "-E", "UTF8",
                    "--no-sync", "--no-instructions");
            postgres.run(bin.resolve("pg_ctl"), "-D", data.toString(), "-l", folder.resolve("log.txt").toString(),
                    "-w", "-t", "60", "-o", "-p " + port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories="
                            + folder + " -c fsync=off -c synchronous_commit=off -c max_connections=200", "start");
            // pg_ctl leaves the server running on its own: guarded, it goes when the tests' JVM goes, however it goes.
            var pid = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim());
            postgres.server = new Servers.Guarded(ProcessHandle.of(pid).orElseThrow(
                    () -> new IllegalStateException("PostgreSQL " + pid + " is not running")));
            return postgres;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** Drops the database if it is there, and creates it empty. */
    public void recreate(String database) {
        try (var connection = DriverManager.getConnection(url("postgres"), USER, "");
             var statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + database);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not recreate the database " + database, e);
        }
    }

    public void stop() {
        try {
            try {
                run(binaries().resolve("pg_ctl"), "-D", folder.resolve("data").toString(), "-m", "immediate", "-w",
                        "stop");
            } finally {
                server.end();
            }
            deleteRecursively(folder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void run(Path program, String... arguments) {
        var command = new ArrayList<String>();
        if (asRoot()) {
            command.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        command.add(program.toString());
        command.addAll(List.of(arguments));
        run(command);
    }

    private static void run(List<String> command) {
        try {
            var process = new ProcessBuilder(command).redirectErrorStream(true).start();
            var output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(STEP_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(command + " did not finish in " + STEP_SECONDS + " s");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(command + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The newest installed version's programs; apt-get install postgresql puts them there. */
    static Path binaries() throws IOException {
        var versions = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(versions)) {
            throw new IllegalStateException("PostgreSQL is not installed: apt-get install -y postgresql");
        }
        try (var found = Files.list(versions)) {
            return found.map(version -> version.resolve("bin")).filter(bin -> Files.isExecutable(bin.resolve("initdb")))
                    .max(Comparator.comparingInt(bin -> Integer.parseInt(bin.getParent().getFileName().toString()
                            .replaceAll("\\D", "0"))))
                    .orElseThrow(() -> new IllegalStateException("No initdb under " + versions));
        }
    }

    static boolean asRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    public static int freePort() throws IOException {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    static void deleteRecursively(Path folder) throws IOException {
        if (Files.exists(folder)) {
            try (var paths = Files.walk(folder)) {
                for (var path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }
}
