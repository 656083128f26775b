package torii;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import torii.testing.PayaraServer;

/**
 * What Payara Server has beyond the black-box tests that run on it too: settings made with asadmin, the server's own
 * /health and /metrics, and a domain that listens on loopback only.
 */
class PayaraServerIT extends ApplicationServerChecks {

    /** Addresses as /proc/net/tcp and tcp6 write them: 127.0.0.1, ::ffff:127.0.0.1 and ::1. */
    static final Set<String> LOOPBACK = Set.of("0100007F", "0000000000000000FFFF00000100007F",
            "00000000000000000000000001000000");

    int expiresIn() {
        return api.loginForTokens("username=johndoe&password=secret").getInt("expires_in");
    }

    void restartApplication(PayaraServer server) throws Exception {
        server.asadmin("disable", "torii");
        server.asadmin("enable", "torii");
    }

    @Test
    void aSystemPropertySetWithAsadminAppliesWhenTheApplicationRestarts() throws Exception {
        var server = PayaraServer.running();
        var before = expiresIn();
        var minutes = before / 60 + 7;
        server.asadmin("create-system-properties", "torii.token.expire-minutes=" + minutes);
        try {
            assertEquals(before, expiresIn(), "settings are read when the application starts");
            restartApplication(server);
            assertEquals(minutes * 60, expiresIn());
        } finally {
            server.asadmin("delete-system-property", "torii.token.expire-minutes");
            restartApplication(server);
        }
        assertEquals(before, expiresIn());
    }

    @Test
    void healthAndMetricsAnswerOnTheApplicationsListener() {
        var ready = api.get("health/ready");
        assertEquals(200, ready.status(), ready.body());
        assertEquals("UP", ready.json().getString("status"));
        api.login("johndoe", "secret");
        var metrics = api.get("metrics", "Accept", "text/plain");
        assertEquals(200, metrics.status());
        assertTrue(metrics.body().lines().anyMatch(line -> line.startsWith("torii_logins_total{")
                && line.contains("outcome=\"success\"") && !line.endsWith(" 0.0")), "the application's counters");
    }

    @Test
    void everyListenerOfTheDomainIsOnLoopback() throws IOException {
        var server = PayaraServer.running();
        var listening = listeners(server.serverProcess().pid());
        assertTrue(listening.stream().anyMatch(listener -> listener.endsWith(":" + server.httpPort())),
                listening::toString);
        var open = listening.stream()
                .filter(listener -> !LOOPBACK.contains(listener.substring(0, listener.indexOf(':')))).toList();
        assertEquals(List.of(), open, "listeners beyond loopback among " + listening);
    }

    /** The process's listening TCP sockets as hex address and decimal port: its socket inodes found in /proc/net. */
    static List<String> listeners(long pid) throws IOException {
        var sockets = new HashSet<String>();
        try (var descriptors = Files.list(Path.of("/proc", String.valueOf(pid), "fd"))) {
            for (var descriptor : descriptors.toList()) {
                try {
                    var target = Files.readSymbolicLink(descriptor).toString();
                    if (target.startsWith("socket:[")) {
                        sockets.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException e) {
                    // Closed while listing.
                }
            }
        }
        var listening = new ArrayList<String>();
        for (var table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            var lines = Files.readAllLines(Path.of(table));
            for (var line : lines.subList(1, lines.size())) {
                var fields = line.trim().split("\\s+");
                var listen = "0A".equals(fields[3]);
                if (listen && sockets.contains(fields[9])) {
                    var local = fields[1].split(":");
                    listening.add(local[0] + ":" + Integer.parseInt(local[1], 16));
                }
            }
        }
        return listening;
    }
}
