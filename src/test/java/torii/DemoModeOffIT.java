package torii;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import torii.testing.Api;
import torii.testing.Instance;
import torii.testing.Postgres;

/**
 * What demo mode and the configuration made lives only as long as they say: one start in demo mode with a configured
 * client, then a start on the same database without either.
 */
class DemoModeOffIT {

    static final String SECRET = "a-confidential-client-secret-of-more-than-32-characters";

    static Instance start(Path folder, String log, List<String> settings) throws IOException {
        var jvm = new java.util.ArrayList<>(List.of("-Dtorii.password.bcrypt-cost=4",
                "-Dtorii.data.dir=" + folder.resolve("data")));
        jvm.addAll(settings);
        return Instance.start(folder.resolve(log), Postgres.freePort(), jvm,
                List.of("--nohazelcast", "--postbootcommandfile", "server-config/h2-data-dir.asadmin"));
    }

    static int introspectAs(Api api, String client, String secret) {
        return api.postForm("introspect", "token=anything", "Authorization", Api.basic(client, secret)).status();
    }

    /**
     * Logins that fail at the same moment for a username with no failures yet all make its failure counter; all but
     * one lose that race, which the throttle retries. The log stays free of the database's complaint: a flood of such
     * logins must not grow the log by a stack trace each.
     */
    static void failedLoginsAtOnceLeaveNoStackTrace(Instance server) {
        int logged = server.logText().length();
        var pool = Executors.newFixedThreadPool(16);
        try {
            for (int round = 0; round < 5; round++) {
                var form = "username=nobody-" + round + "&password=wrong";
                var answers = new ArrayList<Future<Api.Reply>>();
                for (int i = 0; i < 16; i++) {
                    answers.add(pool.submit(() -> server.api.postForm("token", form)));
                }
                for (var answer : answers) {
                    int status = answer.get().status();
                    assertTrue(status == 400 || status == 429 || status == 503, "Status " + status);
                }
            }
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        } finally {
            pool.shutdownNow();
        }
        var since = server.logText().substring(logged);
        assertFalse(since.contains("EclipseLink-4002"), "A lost race logged as a database failure");
        assertFalse(since.contains("\tat org.eclipse.persistence"), "A stack trace of the persistence provider");
    }

    @Test
    void demoAccountsApplicationsAndUnconfiguredClientsEndWhenTheServiceStartsWithoutThem() throws IOException {
        var folder = Path.of(System.getProperty("torii.it.data")).resolveSibling("demo-mode-off");
        RestartIT.deleteRecursively(folder);
        String adminToken;
        var demo = start(folder, "demo.log", List.of("-Dtorii.demo=true", "-Dtorii.clients.confidential=leaked",
                "-Dtorii.client.leaked.secret=" + SECRET));
        try {
            adminToken = demo.api.login("admin", "secretadmin");
            assertEquals(200, demo.api.getWithToken("admin/apps/translator", adminToken).status());
            assertEquals(200, introspectAs(demo.api, "demo-service", "demo-service-secret"));
            assertEquals(200, introspectAs(demo.api, "leaked", SECRET));
        } finally {
            demo.stop();
            demo.awaitExit();
        }
        var plain = start(folder, "plain.log", List.of());
        try {
            for (var account : List.of("username=admin&password=secretadmin", "username=johndoe&password=secret")) {
                var refused = plain.api.postForm("token", account);
                assertEquals(400, refused.status(), account + ": " + refused.body());
                assertEquals("invalid_grant", refused.json().getString("error"));
            }
            assertEquals(400, plain.api.getWithToken("users/me", adminToken).status(), "Inactive user");
            assertEquals(401, introspectAs(plain.api, "demo-service", "demo-service-secret"));
            assertEquals(401, introspectAs(plain.api, "leaked", SECRET));
            assertTrue(plain.log("the demo accounts [admin, johndoe] are disabled"));
            assertTrue(plain.log("the demo applications [translator, summarizer] are deleted"));
            assertTrue(plain.log("Clients no longer configured are removed: [demo-service, leaked]"));
            failedLoginsAtOnceLeaveNoStackTrace(plain);
        } finally {
            plain.stop();
            plain.awaitExit();
        }
    }
}
