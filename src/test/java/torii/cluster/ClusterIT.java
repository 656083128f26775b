package torii.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonValue;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import torii.testing.Api;
import torii.testing.Instance;
import torii.testing.Postgres;

/**
 * Two Payara Micro instances of the built WAR, clustered over Payara's data grid on loopback and sharing one
 * PostgreSQL, as server-config/ and the README set them up: whatever one instance does takes effect on the other.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    /** The deny-list polls every second; the margin covers the poll and the request that notices it. */
    static final Duration WITHIN_A_SECOND = Duration.ofMillis(1500);
    static final String DATABASE = "torii_cluster";
    /** Answers each instance gives before the kill, and the survivor after it (with the grid's loss of a member). */
    static final int UNDER_LOAD = 50;
    static final int AFTER_KILL = 200;

    static Postgres postgres;
    static Instance a;
    static Instance b;
    static Api onA;
    static Api onB;

    @BeforeAll
    static void start() throws Exception {
        var folder = Path.of(System.getProperty("torii.it.data")).resolveSibling("cluster");
        postgres = Postgres.start(folder.resolve("postgresql"));
        postgres.recreate(DATABASE);
        var cluster = "torii-it-" + UUID.randomUUID();
        var firstGridPort = Postgres.freePort();
        var jvm = List.of("-Dtorii.demo=true", "-Dtorii.password.bcrypt-cost=4", "-Dtorii.db.host=127.0.0.1",
                "-Dtorii.db.port=" + postgres.port(), "-Dtorii.db.name=" + DATABASE, "-Dtorii.db.user=" + Postgres.USER,
                "-Dhazelcast.socket.bind.any=false");
        // The first instance makes the schema and the signing key; the second finds both.
        a = Instance.start(folder.resolve("a.log"), Postgres.freePort(), jvm, micro(cluster, firstGridPort,
                firstGridPort));
        b = Instance.start(folder.resolve("b.log"), Postgres.freePort(), jvm, micro(cluster, Postgres.freePort(),
                firstGridPort));
        onA = a.api;
        onB = b.api;
    }

    static List<String> micro(String cluster, int gridPort, int firstGridPort) {
        return List.of("--addlibs", System.getProperty("torii.it.jdbc-driver"), "--postbootcommandfile",
                "server-config/postgresql.asadmin", "--clustername", cluster, "--clustermode",
                "tcpip:127.0.0.1:" + firstGridPort, "--startport", String.valueOf(gridPort), "--interfaces",
                "127.0.0.1");
    }

    @AfterAll
    static void stop() {
        for (var instance : new Instance[] {a, b}) {
            if (instance != null) {
                instance.kill();
            }
        }
        if (postgres != null) {
            postgres.stop();
        }
    }

    @Test
    void bothInstancesJoinedTheDataGrid() {
        assertTrue(a.log("Changes reach the other instances through the data grid"));
        assertTrue(b.log("Changes reach the other instances through the data grid"));
    }

    @Test
    void readinessReportsTheDataGridUsedAndUsable() {
        for (var api : List.of(onA, onB)) {
            var grid = api.get("health/ready").json().getJsonArray("checks").stream().map(JsonValue::asJsonObject)
                    .filter(check -> "data-grid".equals(check.getString("name"))).findFirst().orElseThrow();
            assertEquals("UP", grid.getString("status"), grid.toString());
            assertEquals("used", grid.getJsonObject("data").getString("grid"));
        }
    }

    @Test
    void tokenFromOneIsAcceptedByTheOther() {
        var token = onA.login("johndoe", "secret");
        assertEquals(200, onB.getWithToken("users/me", token).status());
    }

    @Test
    void revocationOnOneIsRefusedOnTheOtherWithinASecond() {
        var token = onA.login("johndoe", "secret");
        assertEquals(200, onB.getWithToken("users/me", token).status());
        assertEquals(200, onA.postForm("revoke", "token=" + token + "&token_type_hint=access_token").status());
        assertWithinASecond(401, () -> onB.getWithToken("users/me", token).status());
    }

    @Test
    void refreshTokenReuseOnOneEndsTheFamilyIssuedOnTheOther() {
        var first = onA.loginForTokens("username=johndoe&password=secret&client_id=chat").getString("refresh_token");
        var second = refresh(onA, first);
        assertEquals(200, second.status());
        assertEquals(400, refresh(onB, first).status(), "a used refresh token is refused on the other instance");
        var latest = second.json().getString("refresh_token");
        assertEquals(400, refresh(onB, latest).status(), "the reuse ended the whole family");
    }

    static Api.Reply refresh(Api api, String refreshToken) {
        return api.postForm("token", "grant_type=refresh_token&client_id=chat&refresh_token=" + refreshToken);
    }

    @Test
    void throttlingCountedOnOneAppliesOnTheOther() {
        var nobody = "nobody-" + UUID.randomUUID();
        for (var attempt = 1; attempt <= 6; attempt++) {
            assertEquals(400, onA.postForm("token", "username=" + nobody + "&password=guess" + attempt).status());
        }
        assertEquals(429, onB.postForm("token", "username=" + nobody + "&password=guess7").status());
    }

    @Test
    void userDisabledOnOneIsRefusedOnTheOtherWithinASecond() {
        var admin = onA.login("admin", "secretadmin");
        var username = newUser(onA, admin);
        var token = onB.login(username, "password-" + username);
        assertEquals(200, onB.getWithToken("users/me", token).status(), "the other instance knows the user now");
        assertEquals(200, onA.json("POST", "admin/users/" + username + "/disable", admin, null).status());
        assertWithinASecond(400, () -> onB.getWithToken("users/me", token).status());
    }

    @Test
    void passwordResetOnOneEndsAccessTokensOnTheOtherWithinASecond() {
        var admin = onA.login("admin", "secretadmin");
        var username = newUser(onA, admin);
        var token = onB.login(username, "password-" + username);
        assertEquals(200, onB.getWithToken("users/me", token).status());
        assertEquals(204, onA.json("PUT", "admin/users/" + username + "/password", admin,
                "{\"password\":\"another-password-" + username + "\"}").status());
        assertWithinASecond(401, () -> onB.getWithToken("users/me", token).status());
    }

    @Test
    void grantRevokedOnOneIsRefusedOnTheOther() {
        var admin = onA.login("admin", "secretadmin");
        var app = "echo-" + UUID.randomUUID().toString().substring(0, 8);
        assertEquals(201, onA.json("POST", "admin/apps", admin,
                "{\"id\":\"" + app + "\",\"name\":\"Echo\",\"description\":\"Echoes\",\"backend\":\"echo\"}").status());
        var username = newUser(onA, admin);
        assertEquals(201, onA.json("POST", "admin/apps/" + app + "/grants", admin,
                "{\"user\":\"" + username + "\"}").status());
        var token = onB.login(username, "password-" + username);
        assertEquals(200, complete(onB, token, app));
        assertEquals(204, onA.json("DELETE", "admin/apps/" + app + "/grants/users/" + username, admin, null).status());
        assertEquals(403, complete(onB, token, app));
    }

    @Test
    void clientDisabledOnOneIsRefusedOnTheOtherWithinASecond() {
        var admin = onA.login("admin", "secretadmin");
        var client = "batch-" + UUID.randomUUID().toString().substring(0, 8);
        var made = onA.json("POST", "admin/clients", admin, "{\"client_id\":\"" + client + "\"}");
        assertEquals(201, made.status(), made.body());
        assertEquals(201, onA.json("POST", "admin/apps/translator/grants", admin,
                "{\"client\":\"" + client + "\"}").status());
        var reply = onB.postForm("token", "grant_type=client_credentials", "Authorization",
                Api.basic(client, made.json().getString("client_secret")));
        assertEquals(200, reply.status(), reply.body());
        var token = reply.json().getString("access_token");
        assertEquals(200, complete(onB, token, "translator"), "the other instance knows the client now");
        assertEquals(200, onA.json("POST", "admin/clients/" + client + "/disable", admin, null).status());
        assertWithinASecond(401, () -> complete(onB, token, "translator"));
    }

    @Test
    void apiKeyDeletedOnOneIsRefusedOnTheOtherWithinASecond() {
        var token = onA.login("johndoe", "secret");
        var made = onA.json("POST", "users/me/api-keys", token, "{\"name\":\"cluster\"}");
        assertEquals(201, made.status(), made.body());
        var key = made.json().getString("key");
        assertEquals(200, complete(onB, key, "translator"), "the other instance knows the key now");
        assertEquals(204, onA.json("DELETE", "users/me/api-keys/" + made.json().getString("id"), token, null).status());
        assertWithinASecond(401, () -> complete(onB, key, "translator"));
    }

    @Test
    void aBudgetIsSharedByBothInstances() {
        var admin = onA.login("admin", "secretadmin");
        var app = "echo-" + UUID.randomUUID().toString().substring(0, 8);
        assertEquals(201, onA.json("POST", "admin/apps", admin,
                "{\"id\":\"" + app + "\",\"name\":\"Echo\",\"backend\":\"echo\"}").status());
        // The calls must fall in one of the servers' minutes: a sequence that may not have is run again for a new user.
        for (var attempt = 1; ; attempt++) {
            var username = newUser(onA, admin);
            assertEquals(201, onA.json("POST", "admin/apps/" + app + "/grants", admin,
                    "{\"user\":\"" + username + "\",\"requests_per_minute\":3}").status());
            var token = onA.login(username, "password-" + username);
            var started = System.nanoTime();
            var first = onA.json("POST", "v1/chat/completions", token, "{\"model\":\"" + app
                    + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}");
            assertEquals(200, first.status(), first.body());
            var left = Long.parseLong(first.header("x-ratelimit-reset-requests").replace("s", ""));
            assertEquals(200, complete(onA, token, app));
            // The first instance adds its count to the database within a second; the other reads it from there.
            awaitCondition(() -> requestsLeft(onB, token, app) == 1 || (System.nanoTime() - started) / 1e9 >= left - 1,
                    "the other instance sees the first's two calls");
            var third = complete(onB, token, app);
            var fourth = complete(onB, token, app);
            if ((System.nanoTime() - started) / 1e9 < left - 1 || attempt == 3) {
                assertEquals(200, third);
                assertEquals(429, fourth, "the third call of the minute was the last the budget allows");
                return;
            }
        }
    }

    static long requestsLeft(Api api, String token, String app) {
        return api.getWithToken("users/me/usage/budgets", token).array().stream().map(JsonValue::asJsonObject)
                .filter(budget -> budget.getString("app").equals(app)).findFirst().orElseThrow()
                .getJsonObject("requests_per_minute").getJsonNumber("remaining").longValue();
    }

    static int complete(Api api, String token, String app) {
        return api.json("POST", "v1/chat/completions", token, "{\"model\":\"" + app
                + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}").status();
    }

    @Test
    void keyRotatedOnOneVerifiesAndSignsOnTheOther() {
        var admin = onA.login("admin", "secretadmin");
        var rotated = onA.json("POST", "admin/keys/rotate", admin, null);
        assertEquals(200, rotated.status(), rotated.body());
        var kid = rotated.json().getString("kid");
        var signedOnA = onA.login("johndoe", "secret");
        assertEquals(kid, kid(signedOnA));
        assertEquals(200, onB.getWithToken("users/me", signedOnA).status(), "verified on the other at once");
        var deadline = Instant.now().plus(WITHIN_A_SECOND);
        while (!kid.equals(kid(onB.login("johndoe", "secret"))) && Instant.now().isBefore(deadline)) {
            Instance.pause(Duration.ofMillis(50));
        }
        assertEquals(kid, kid(onB.login("johndoe", "secret")), "the other signs with the new key");
    }

    static String kid(String token) {
        var header = new String(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))));
        return jakarta.json.Json.createReader(new java.io.StringReader(header)).readObject().getString("kid");
    }

    /** Last: it ends one instance. */
    @Test
    @Order(Integer.MAX_VALUE)
    void killingOneUnderLoadLosesNoRequestOnTheOtherAndNoData() throws Exception {
        var admin = onA.login("admin", "secretadmin");
        var username = newUser(onB, onB.login("admin", "secretadmin"));
        var refreshToken = onB.loginForTokens("username=" + username + "&password=password-" + username
                + "&client_id=chat").getString("refresh_token");
        var token = onA.login("johndoe", "secret");
        var running = new AtomicBoolean(true);
        var onSurvivor = new ConcurrentLinkedQueue<Integer>();
        var answeredByB = new AtomicInteger();
        var threads = Executors.newFixedThreadPool(4);
        for (var i = 0; i < 4; i++) {
            var reader = i % 2 == 0 ? onA : onB;
            threads.execute(() -> {
                while (running.get()) {
                    try {
                        var status = reader.getWithToken("users/me", token).status();
                        if (reader == onA) {
                            onSurvivor.add(status);
                        } else {
                            answeredByB.incrementAndGet();
                        }
                    } catch (RuntimeException refused) {
                        // The killed instance refuses connections; only the survivor's answers count.
                        if (reader == onA) {
                            onSurvivor.add(-1);
                        }
                    }
                }
            });
        }
        // Both under load before the kill, and the survivor still answering well after it: counted, not timed.
        awaitCondition(() -> onSurvivor.size() >= UNDER_LOAD && answeredByB.get() >= UNDER_LOAD, "load on both");
        b.kill();
        b.awaitExit();
        var atKill = onSurvivor.size();
        awaitCondition(() -> onSurvivor.size() >= atKill + AFTER_KILL, "answers of the survivor after the kill");
        running.set(false);
        threads.shutdown();
        assertTrue(threads.awaitTermination(60, TimeUnit.SECONDS));
        var answers = new ArrayList<>(onSurvivor);
        assertEquals(List.of(), answers.stream().filter(status -> status != 200).toList());
        assertEquals(200, onA.postForm("token", "username=" + username + "&password=password-" + username).status(),
                "a user made on the killed instance logs in on the survivor");
        assertEquals(200, refresh(onA, refreshToken).status(), "a refresh token issued by the killed one still works");
        assertEquals(200, onA.getWithToken("admin/users/" + username, admin).status());
    }

    /** Waits, polling, until the condition holds; fails if it has not within a minute. */
    static void awaitCondition(BooleanSupplier condition, String what) {
        var deadline = Instant.now().plus(Duration.ofMinutes(1));
        while (!condition.getAsBoolean()) {
            assertTrue(Instant.now().isBefore(deadline), "no " + what + " within a minute");
            Instance.pause(Duration.ofMillis(20));
        }
    }

    /** A new user with the password "password-" and its name. */
    static String newUser(Api api, String admin) {
        var username = "user-" + UUID.randomUUID().toString().substring(0, 8);
        var reply = api.json("POST", "admin/users", admin, "{\"username\":\"" + username + "\",\"password\":\"password-"
                + username + "\"}");
        assertEquals(201, reply.status(), reply.body());
        return username;
    }

    static void assertWithinASecond(int expected, IntSupplier status) {
        var started = Instant.now();
        var deadline = started.plus(WITHIN_A_SECOND);
        var last = status.getAsInt();
        while (last != expected && Instant.now().isBefore(deadline)) {
            Instance.pause(Duration.ofMillis(20));
            last = status.getAsInt();
        }
        assertEquals(expected, last, "after " + Duration.between(started, Instant.now()).toMillis() + " ms");
    }
}
