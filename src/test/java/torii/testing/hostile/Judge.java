package torii.testing.hostile;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import torii.testing.Api;
import torii.testing.RawHttp;

/**
 * The oracles that one answer is judged by on its own: no answer is no server error, every refusal is the documented
 * JSON error without a trace of the code, nothing is served to a caller without the token, role and scopes it needs,
 * and nothing malformed is served; and, from two readings of the stored state around a refusal, that it changed
 * nothing.
 */
public final class Judge {

    public static final String NO_ANSWER = "no answer";
    public static final String SERVER_ERROR = "server error";
    public static final String ERROR_SHAPE = "error shape";
    public static final String AUTHORIZATION = "authorization";
    public static final String MALFORMED_SERVED = "malformed request served";
    public static final String STATE_CHANGED = "refusal changed stored state";

    static final List<String> TRACES = List.of("Exception", "at torii.", "java.", "jakarta.", "org.glassfish", "<html");

    /**
     * A broken oracle: which, how, and what tells failures of one cause from another's (reports group by it with the
     * operation).
     */
    public record Violation(String oracle, String detail, String cause) {

        Violation(String oracle, String detail) {
            this(oracle, detail, detail);
        }
    }

    private Judge() {
    }

    public static List<Violation> judge(Request request, RawHttp.Exchange exchange, List<String> malformed) {
        var violations = new ArrayList<Violation>();
        if (!exchange.answered()) {
            violations.add(new Violation(NO_ANSWER, exchange.noAnswer()));
            return violations;
        }
        var reply = exchange.reply();
        var status = reply.status();
        if (status >= 500 && !backPressure(request, reply) && !unknownCoding(request, reply)) {
            violations.add(new Violation(SERVER_ERROR, "status " + status, String.valueOf(status)));
        }
        if ((status >= 400 && status < 500) || unknownCoding(request, reply)) {
            shape(request, reply).ifPresent(detail -> violations.add(new Violation(ERROR_SHAPE, detail)));
        }
        if (status >= 200 && status < 300) {
            violations.addAll(authorization(request));
            // One for each reason, each reason's kind (the text before its colon) a cause of its own.
            malformed.forEach(reason -> violations.add(new Violation(MALFORMED_SERVED, reason,
                    reason.substring(0, Math.max(0, reason.indexOf(':'))))));
        }
        return violations;
    }

    /** The one 5xx the document promises: the login hashing pool full, 503 with Retry-After, for POST /token only. */
    public static boolean backPressure(Request request, Api.Reply reply) {
        return reply.status() == 503 && request.operation().toString().equals("POST /token")
                && reply.header("Retry-After") != null && reply.body().contains("\"temporarily_unavailable\"");
    }

    /**
     * A Content-Length beyond the body sent: the service waits for the rest until the listener's read timeout (10 s)
     * and then answers 408, unless it answers without reading the body. No answer yet within a short wait is that
     * documented wait, not a failure; the 408 itself is checked once, by a test of its own.
     */
    public static boolean awaitingTheRest(Request request, RawHttp.Exchange exchange) {
        return request.framing() == Draft.Framing.CONTENT_LENGTH_BEYOND_BODY && !exchange.answered()
                && exchange.noAnswer().startsWith("no answer within");
    }

    /**
     * The other 5xx the service documents: 501 for a transfer coding it does not implement before chunked (RFC 9112
     * section 6.1), in the JSON error shape like any refusal.
     */
    public static boolean unknownCoding(Request request, Api.Reply reply) {
        return reply.status() == 501 && request.framing() == Draft.Framing.CODING_BEFORE_CHUNKED;
    }

    static Optional<String> shape(Request request, Api.Reply reply) {
        var type = reply.header("Content-Type");
        if (type == null || !type.startsWith("application/json")) {
            return Optional.of("Content-Type " + type + ", not application/json");
        }
        if (!"nosniff".equals(reply.header("X-Content-Type-Options"))) {
            return Optional.of("no X-Content-Type-Options: nosniff");
        }
        for (var trace : TRACES) {
            if (reply.body().contains(trace)) {
                return Optional.of("a trace of the code in the body: " + trace);
            }
        }
        JsonObject body;
        try (var reader = Json.createReader(new StringReader(reply.body()))) {
            body = reader.readObject();
        } catch (RuntimeException notAnObject) {
            return Optional.of("the body is not a JSON object");
        }
        if (request.path().startsWith("/v1/")) {
            var error = body.get("error");
            if (!(error instanceof JsonObject inner) || !(inner.get("message") instanceof JsonString)
                    || !(inner.get("type") instanceof JsonString)) {
                return Optional.of("not OpenAI's {\"error\": {\"message\", \"type\"}}");
            }
            return Optional.empty();
        }
        if (!(body.get("detail") instanceof JsonString)) {
            return Optional.of("no \"detail\"");
        }
        for (var optional : List.of("error", "error_description")) {
            if (body.containsKey(optional) && !(body.get(optional) instanceof JsonString)) {
                return Optional.of("\"" + optional + "\" is not a string");
            }
        }
        return Optional.empty();
    }

    /**
     * What the document requires to be served: a valid token with every scope the operation names; for the
     * administration under /admin, and an introspection asked with a bearer token, the admin role and the admin scope;
     * for a user who must change their password first, one of the two operations that do it.
     */
    static final Set<String> OPEN_BEFORE_PASSWORD_CHANGE = Set.of("GET /users/me", "PUT /users/me/password");

    static List<Violation> authorization(Request request) {
        var violations = new ArrayList<Violation>();
        var credential = request.credential();
        var scopes = request.operation().scopes();
        if (scopes != null && !credential.valid()) {
            violations.add(new Violation(AUTHORIZATION, "served with " + credential, credential.kind().name()));
        } else if (scopes != null && !credential.scopes().containsAll(scopes)) {
            violations.add(new Violation(AUTHORIZATION, "served without the scopes " + scopes + " to " + credential,
                    credential.kind().name()));
        }
        var operation = request.operation();
        var administration = operation.path().startsWith("/admin")
                || (operation.toString().equals("POST /introspect") && credential.authorization() != null);
        if (administration && violations.isEmpty() && !credential.holds("admin", "admin")) {
            violations.add(new Violation(AUTHORIZATION, "served to " + credential
                    + ", without the admin role and the admin scope", credential.kind().name()));
        }
        if (credential.kind() == Credential.Kind.TEMPORARY_PASSWORD && violations.isEmpty()
                && !OPEN_BEFORE_PASSWORD_CHANGE.contains(operation.toString())) {
            violations.add(new Violation(AUTHORIZATION, "served to " + credential + ", who must change their "
                    + "password first", credential.kind().name()));
        }
        return violations;
    }

    /**
     * Which rows a refused request added, removed or changed, by table and key, between two readings of the state
     * probe ("table key hash" lines); the tables and how, as its cause.
     */
    public static Optional<Violation> changes(List<String> before, List<String> after) {
        if (before.equals(after)) {
            return Optional.empty();
        }
        var keysBefore = new TreeSet<String>();
        before.forEach(line -> keysBefore.add(line.substring(0, line.lastIndexOf(' '))));
        var keysAfter = new TreeSet<String>();
        after.forEach(line -> keysAfter.add(line.substring(0, line.lastIndexOf(' '))));
        var changes = new ArrayList<String>();
        keysAfter.stream().filter(key -> !keysBefore.contains(key)).forEach(key -> changes.add("added " + key));
        keysBefore.stream().filter(key -> !keysAfter.contains(key)).forEach(key -> changes.add("removed " + key));
        var unchanged = new TreeSet<>(before);
        after.stream().filter(line -> !unchanged.contains(line)).map(line -> line.substring(0, line.lastIndexOf(' ')))
                .filter(keysBefore::contains).forEach(key -> changes.add("changed " + key));
        // "changed users alice" is caused as "changed users": the table and the change, not the row.
        var cause = changes.stream().map(change -> change.substring(0, change.lastIndexOf(' '))).distinct().sorted()
                .collect(Collectors.joining(", "));
        return Optional.of(new Violation(STATE_CHANGED, String.join(", ", changes), cause));
    }
}
