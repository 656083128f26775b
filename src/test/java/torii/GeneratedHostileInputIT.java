package torii;

import com.nimbusds.jose.jwk.RSAKey;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quicktheories.QuickTheory;
import org.quicktheories.core.Gen;
import torii.testing.Api;
import torii.testing.Breakage;
import torii.testing.ProbedServer;
import torii.testing.RawHttp;
import torii.testing.StateProbe;
import torii.testing.TestTokens;
import torii.testing.hostile.Contract;
import torii.testing.hostile.Credential;
import torii.testing.hostile.Draft;
import torii.testing.hostile.Findings;
import torii.testing.hostile.Gens;
import torii.testing.hostile.Judge;
import torii.testing.hostile.OpenApi;
import torii.testing.hostile.PayaraAnswer;
import torii.testing.hostile.Plan;
import torii.testing.hostile.Plans;
import torii.testing.hostile.Request;
import torii.testing.hostile.Tally;
import torii.testing.hostile.Values;

/**
 * Generated hostile requests, byte for byte, to every operation of the server's own OpenAPI document: built from the
 * operation's parameters and body schema, then bent (fields missing, empty, repeated, value-less, oversized, of the
 * wrong JSON type, with control characters or bytes that are not UTF-8, days out of range; the wrong content type,
 * JSON that is not one object; chunked, ambiguous, unfinished framing or transfer codings other than chunked), sent by
 * every kind of caller. Each answer is judged by the oracles of {@link Judge}, and each refusal by whether it changed
 * stored users, clients or signing keys.
 * <p>
 * Each property is a QuickTheories theory inside a Jupiter test, its seed fixed and its number of examples bounded:
 * {@value #DEFAULT_EXAMPLES} examples each from seed {@value #DEFAULT_SEED}, or {@code -Dtorii.hostile.examples=N} and
 * {@code -Dtorii.hostile.seed=S} for another run. The class starts one Payara Micro for all its tests, as an operator
 * would (see {@link ProbedServer}), with a copy of the built WAR that carries {@link StateProbe}. A test collects every
 * failure of its run and fails once at the end with all of them (see {@link Findings}): one run shows every kind of
 * failure, where failing at the first would hide the rest until it is fixed. So no example fails the theory itself,
 * and QuickTheories never shrinks one: each kind of failure is shown by the simplest request that showed it (fewest
 * mutations, then fewest bytes).
 */
class GeneratedHostileInputIT {

    /** Examples of each property, unless -Dtorii.hostile.examples says otherwise. */
    static final int DEFAULT_EXAMPLES = 2500;
    /** Fixed, so that a run is repeatable, unless -Dtorii.hostile.seed says otherwise. */
    static final long DEFAULT_SEED = 20261130L;
    static final int EXAMPLES = Integer.parseInt(property("torii.hostile.examples", String.valueOf(DEFAULT_EXAMPLES)));
    static final long SEED = Long.parseLong(property("torii.hostile.seed", String.valueOf(DEFAULT_SEED)));
    /** Ports of their own, apart from the servers other builds on this machine start on the defaults. */
    static final int FIRST_PORT = 19150;
    static final int LAST_PORT = 19179;
    /** Reports, requests and the server's log, apart for each database the build runs the suite on. */
    static final Path FOLDER = Path.of("target", "generated-hostile",
            System.getProperty("torii.it.postgresql") == null ? "h2" : "postgresql");
    /** The database's name where the run is on PostgreSQL. */
    static final String DATABASE = "torii_generated_hostile";
    /**
     * How long a request that promised more body than it sent is given: an answer that needs no body comes at once;
     * else the service waits for the rest until its read timeout (see {@link Judge#awaitingTheRest}).
     */
    static final Duration SHORT_WAIT = Duration.ofMillis(500);
    static final Duration LONG_WAIT = Duration.ofSeconds(60);
    /** The listener's read timeout (server-config/http.asadmin), and a margin. */
    static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

    static ProbedServer server;
    static Api api;
    static RawHttp raw;
    static Plans plans;
    static List<OpenApi.Operation> operations;
    static Credential administrator;
    static Gen<Credential> shortOfTheAdministrator;
    static long heapAfterStart;
    static String expiredToken;

    final Findings findings = new Findings();
    /** Where the report and the requests of this test's failures go. */
    Path reports;
    /** What this test sent and got. */
    Tally tally;
    /** The stored state as last read, if no request since could have changed it; null when it must be read again. */
    List<String> knownState;

    @BeforeAll
    static void startServer() throws ParseException {
        System.out.printf("Generated hostile input: %d examples a property from seed %d%n", EXAMPLES, SEED);
        server = ProbedServer.start(FOLDER, FIRST_PORT, LAST_PORT, serverLimit(), List.of("-Xmx512m",
                "-XX:ThreadPriorityPolicy=1", "-XX:JavaPriority1_To_OSPriority=19", "-Dtorii.demo=true",
                // Logins are cheap, never throttled (every request comes from 127.0.0.1, many with wrong passwords),
                // and the gateway's limit is out of reach, so that generated requests reach the code behind them.
                "-Dtorii.password.bcrypt-cost=4", "-Dtorii.throttle.user.free-failures=100000",
                "-Dtorii.throttle.address.free-failures=100000", "-Dtorii.gateway.rate-limit=100000",
                // The run's tokens must outlive the longest run; johndoe's API keys from earlier runs on the same
                // database, and those the run's own requests make, must not stop the run's from being made.
                "-Dtorii.token.expire-minutes=600", "-Dtorii.api-keys.max-per-user=1000000"), DATABASE);
        api = server.api;
        raw = server.raw;
        heapAfterStart = server.heap()[0];
        operations = OpenApi.of(api).operations();
        var credentials = credentials();
        // The token of a revocation or an introspection: from a login of its own, never one the run's callers use.
        plans = new Plans(operations, credentials, new Values(List.of(api.login("johndoe", "secret"), expiredToken,
                "not-a-token")));
    }

    /**
     * The callers: none, tokens broken in each way the service must refuse (made with the server's own key and the
     * user's stamp, so that each is wrong in one way only; and without the stamp, or with another user's), johndoe, the
     * demo client's own token, johndoe's API key, the administrator without the admin scope, an administrator who must
     * first change a temporary password, and the administrator.
     */
    static Gen<Credential> credentials() throws ParseException {
        var user = login(Credential.Kind.USER, "johndoe", "secret", null, Set.of("user"));
        var client = clientsOwn();
        var apiKey = apiKeyOf(user);
        var withoutAdminScope = login(Credential.Kind.ADMIN_WITHOUT_ADMIN_SCOPE, "admin", "secretadmin", "me items",
                Set.of("user", "admin"));
        administrator = login(Credential.Kind.ADMIN, "admin", "secretadmin", null, Set.of("user", "admin"));
        if (withoutAdminScope.scopes().contains("admin") || !administrator.scopes().contains("admin")) {
            throw new IllegalStateException("The administrator's scopes are not as expected: "
                    + withoutAdminScope.scopes() + ", " + administrator.scopes());
        }
        // A token of the service carries its user's stamp, which a new password, a disabling or a re-creation changes.
        var withKey = new TestTokens(RSAKey.parse(server.signingKey()), TestTokens.DEFAULT_ISSUER);
        var johndoesStamp = TestTokens.stampOf(user.authorization().substring("Bearer ".length()));
        var tokens = withKey.stamped(TestTokens.stampOf(administrator.authorization().substring("Bearer ".length())));
        if (api.getWithToken("users/me", tokens.valid("admin")).status() != 200) {
            throw new IllegalStateException("A token made with the server's key is refused: the broken ones would test"
                    + " nothing");
        }
        expiredToken = Breakage.EXPIRED.token(withKey.stamped(johndoesStamp), "johndoe");
        var brokenTokens = new ArrayList<>(Arrays.stream(Breakage.values()).map(breakage -> Credential.broken(
                breakage.name(), breakage.token(tokens, "admin"))).toList());
        brokenTokens.add(Credential.broken("NO_STAMP", withKey.valid("admin")));
        brokenTokens.add(Credential.broken("ANOTHER_USERS_STAMP", withKey.stamped(johndoesStamp).valid("admin")));
        var broken = Gens.of(brokenTokens);
        var temporary = temporaryAdministrator(administrator);
        shortOfTheAdministrator = Gens.frequency(List.of(Gens.weight(1, Gens.just(Credential.none())),
                Gens.weight(1, broken), Gens.weight(1, Gens.just(user)), Gens.weight(1, Gens.just(client)),
                Gens.weight(1, Gens.just(apiKey)),
                Gens.weight(1, Gens.just(withoutAdminScope)), Gens.weight(1, Gens.just(temporary))));
        return Gens.frequency(List.of(Gens.weight(4, shortOfTheAdministrator),
                Gens.weight(1, Gens.just(administrator))));
    }

    /**
     * A second administrator, made with a temporary password and logged in with it: holding the admin role and every
     * scope, yet served nothing but the change of that password.
     */
    static Credential temporaryAdministrator(Credential administrator) {
        var created = api.json("POST", "admin/users", administrator.authorization().substring("Bearer ".length()),
                "{\"username\":\"temporary-admin\",\"password\":\"temporary admin password\","
                        + "\"password_temporary\":true,\"roles\":[\"user\",\"admin\"]}");
        if (created.status() != 201) {
            throw new IllegalStateException("The temporary administrator was not made: " + created);
        }
        return login(Credential.Kind.TEMPORARY_PASSWORD, "temporary-admin", "temporary+admin+password", null,
                Set.of("user", "admin"));
    }

    /** The demo client's own token (the client credentials grant): no user, no role, its application's scope only. */
    static Credential clientsOwn() {
        var reply = api.postForm("token", "grant_type=client_credentials", "Authorization",
                Api.basic("demo-service", "demo-service-secret"));
        if (reply.status() != 200) {
            throw new IllegalStateException("The demo client got no token of its own: " + reply);
        }
        return Credential.issued(Credential.Kind.CLIENT, "client's own token (demo-service)",
                reply.json().getString("access_token"), Set.of(), List.of(reply.json().getString("scope").split(" ")));
    }

    /** An API key of johndoe's, for his applications: accepted at /v1 only, with no scope but theirs. */
    static Credential apiKeyOf(Credential user) {
        var reply = api.json("POST", "users/me/api-keys", user.authorization().substring("Bearer ".length()),
                "{\"name\":\"generated hostile input\"}");
        if (reply.status() != 201) {
            throw new IllegalStateException("johndoe got no API key: " + reply);
        }
        return Credential.issued(Credential.Kind.API_KEY, "API key (johndoe)", reply.json().getString("key"),
                Set.of("user"), List.of("app:translator"));
    }

    static Credential login(Credential.Kind kind, String username, String password, String scope, Set<String> roles) {
        var answer = api.loginForTokens("username=" + username + "&password=" + password
                + (scope == null ? "" : "&scope=" + scope.replace(" ", "+")));
        return Credential.issued(kind, kind.name().toLowerCase().replace('_', ' ') + " (" + username + ")",
                answer.getString("access_token"), roles, List.of(answer.getString("scope").split(" ")));
    }

    @AfterAll
    static void stopServer() {
        if (server == null) {
            return;
        }
        try {
            // After everything: the server is ready, and its heap holds nothing of what it was sent.
            var ready = api.get("health/ready", "Accept", "application/json");
            var heap = server.heap();
            var problems = new ArrayList<String>();
            if (ready.status() != 200 || !ready.body().contains("\"UP\"")) {
                problems.add("GET /health/ready answered " + ready.status() + " " + ready.body());
            }
            if (heap[0] > heap[1] / 2) {
                problems.add("the heap holds " + heap[0] / 1_048_576 + " MB after a full collection, more than half of"
                        + " its " + heap[1] / 1_048_576 + " MB (" + heapAfterStart / 1_048_576
                        + " MB after the start)");
            }
            System.out.printf("Heap in use after a full collection: %d MB after the start, %d MB after the run,"
                    + " of %d MB%n", heapAfterStart / 1_048_576, heap[0] / 1_048_576, heap[1] / 1_048_576);
            if (!problems.isEmpty()) {
                throw new AssertionError("After the run: " + String.join("; ", problems));
            }
        } finally {
            server.stop();
        }
    }

    /** Any operation, any caller, bent in up to three ways at once: every oracle, on everything. */
    @Test
    void everyGeneratedRequestIsRefusedCleanlyOrServedAsTheDocumentAllows() {
        check(plans.plans(), "any-request");
    }

    /**
     * The administrator, whom the document lets call every operation, bends a request in one way: if the mutation
     * makes it malformed, nothing but the mutation stands between it and being served, so it must be refused.
     */
    @Test
    void whatTheAdministratorSendsMalformedIsRefused() {
        check(plans.bentOnce(administrator), "administrator-bent-once");
    }

    /** Requests straight from the document: whoever lacks the token, role or scopes an operation needs is refused. */
    @Test
    void noCallerIsServedWithoutTheRoleAndScopesTheOperationNeeds() {
        check(plans.straight(shortOfTheAdministrator), "callers-short-of-the-administrator");
    }

    /**
     * Runs the theory: each example's request is sent and judged, its failures recorded, none thrown. An exception
     * that escapes (the server gone, the state probe failing) ends the theory at once: it is the run's own failure,
     * not a finding, and sending smaller requests to find a simpler one would only repeat it.
     */
    void check(Gen<Plan> generated, String run) {
        reports = FOLDER.resolve(run);
        tally = new Tally(run, "operation", "caller", "mutation", "answer");
        QuickTheory.qt().withFixedSeed(SEED).withExamples(EXAMPLES).withShrinkCycles(0).forAll(generated)
                .checkAssert(this::judge);
    }

    /** Sends the plan's request and judges the answer by every oracle; what breaks them is recorded. */
    void judge(Plan plan) {
        var draft = plan.draft();
        var request = draft.render();
        var malformed = Contract.malformed(draft, request);
        var before = knownState != null ? knownState : server.state();
        var exchange = raw.exchange(request.method(), request.target(), request.headers(), request.wire(),
                request.framing() == Draft.Framing.CONTENT_LENGTH_BEYOND_BODY ? SHORT_WAIT : LONG_WAIT);
        findings.counted();
        var exempt = PayaraAnswer.of(request, exchange, server.base);
        var waiting = Judge.awaitingTheRest(request, exchange);
        tally.count("operation", plan.operation());
        tally.count("caller", plan.credential().kind());
        plan.mutations().forEach(mutation -> tally.count("mutation", mutation.kind()));
        tally.count("answer", exempt.map(answer -> "exempt: " + answer).orElseGet(() -> answer(request, exchange)));
        var violations = new ArrayList<Judge.Violation>(exempt.isPresent() || waiting ? List.of()
                : Judge.judge(request, exchange, malformed));
        knownState = null;
        if (exchange.answered() && exchange.reply().status() >= 400 && exchange.reply().status() < 500) {
            var after = server.state();
            Judge.changes(before, after).ifPresent(violations::add);
            knownState = after;
        }
        violations.forEach(violation -> findings.record(request, exchange, violation));
    }

    /** The answer's kind, for the statistics: its status class, or the documented answer or wait it is. */
    static String answer(Request request, RawHttp.Exchange exchange) {
        if (Judge.awaitingTheRest(request, exchange)) {
            return "documented: waiting for the rest of the body";
        }
        if (!exchange.answered()) {
            return "no answer";
        }
        var reply = exchange.reply();
        if (Judge.unknownCoding(request, reply)) {
            return "documented: 501 for a coding before chunked";
        }
        if (Judge.backPressure(request, reply)) {
            return "documented: 503 with Retry-After from the login pool";
        }
        return reply.status() / 100 + "xx";
    }

    @AfterEach
    void reportEveryFailure() {
        if (tally != null) {
            tally.report(reports);
        }
        if (!findings.isEmpty()) {
            throw new AssertionError(findings.report(server.base, raw, reports));
        }
    }

    /**
     * Every operation that reads a body refuses one ten times its limit with 413, however it is framed: chunked, its
     * length is known only as it is read. Sent by the administrator, whom no operation refuses for want of rights.
     */
    @Test
    void everyBodyTenTimesTheLimitIsRefusedWith413EvenChunked() {
        reports = FOLDER.resolve("ten-times-the-limit");
        for (var operation : operations.stream().filter(OpenApi.Operation::hasBody).toList()) {
            var request = Plans.tenTimesTheLimitChunked(operation, administrator).draft().render();
            var exchange = raw.exchange(request.method(), request.target(), request.headers(), request.wire(),
                    LONG_WAIT);
            findings.counted();
            if (!exchange.answered() || exchange.reply().status() != 413) {
                findings.record(request, exchange, new Judge.Violation("no 413 for a body ten times the limit",
                        "answered " + (exchange.answered() ? exchange.reply().status() : exchange.noAnswer()),
                        exchange.answered() ? String.valueOf(exchange.reply().status()) : "no answer"));
            } else {
                Judge.judge(request, exchange, List.of()).forEach(violation -> findings.record(request, exchange,
                        violation));
            }
        }
    }

    /**
     * A body that stops arriving (a Content-Length 100 bytes beyond what is sent) is answered 408 in the JSON error
     * shape once the listener's read timeout has passed: once for a form and once for a JSON body, sent at the same
     * time by the administrator, to the first operation of the document that reads each. The generated requests give
     * such a body only a short wait (see {@link Judge#awaitingTheRest}).
     */
    @Test
    void aBodyThatStopsArrivingIsAnsweredWith408AfterTheReadTimeout() throws Exception {
        reports = FOLDER.resolve("body-stops-arriving");
        var requests = new ArrayList<Request>();
        for (var mediaType : List.of(torii.testing.hostile.Wire.FORM, torii.testing.hostile.Wire.JSON)) {
            operations.stream().filter(operation -> operation.bodies().keySet().stream().findFirst()
                    .filter(mediaType::equals).isPresent()).findFirst().ifPresent(operation -> requests.add(
                    Plans.framedOnly(operation, administrator, Draft.Framing.CONTENT_LENGTH_BEYOND_BODY).draft()
                            .render()));
        }
        if (requests.size() != 2) {
            throw new IllegalStateException("The document has no operation that reads a form or none that reads JSON");
        }
        var pool = Executors.newFixedThreadPool(requests.size());
        try {
            var exchanges = new ArrayList<Future<RawHttp.Exchange>>();
            for (var request : requests) {
                exchanges.add(pool.submit(() -> raw.exchange(request.method(), request.target(), request.headers(),
                        request.wire(), READ_TIMEOUT.multipliedBy(2))));
            }
            for (int i = 0; i < requests.size(); i++) {
                var request = requests.get(i);
                var exchange = exchanges.get(i).get();
                findings.counted();
                if (!exchange.answered() || exchange.reply().status() != 408) {
                    findings.record(request, exchange, new Judge.Violation("no 408 for a body that stops arriving",
                            "answered " + (exchange.answered() ? exchange.reply().status() : exchange.noAnswer()),
                            exchange.answered() ? String.valueOf(exchange.reply().status()) : "no answer"));
                } else {
                    Judge.judge(request, exchange, List.of()).forEach(violation -> findings.record(request,
                            exchange, violation));
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** A system property, or the default where it is absent or blank (the build passes it on, blank if not given). */
    static String property(String name, String otherwise) {
        var value = System.getProperty(name);
        return value == null || value.isBlank() ? otherwise : value.trim();
    }

    /**
     * Long enough for the configured number of examples at the pace of a slow machine, then timeout ends the server
     * whatever happened to this JVM.
     */
    static Duration serverLimit() {
        return Duration.ofMinutes(5).plusMillis(250L * EXAMPLES);
    }
}
