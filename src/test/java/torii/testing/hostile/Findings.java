package torii.testing.hostile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import torii.testing.RawHttp;

/**
 * Every broken oracle of a run, grouped by oracle, operation and cause, each group with how often it happened, with
 * which kinds of mutation, and its smallest example: the exact request, with curl and raw files to send it again, and
 * the answer. One run shows every kind of failure, not the first.
 */
public final class Findings {

    /** One request that broke an oracle, and what came back. */
    record Example(Request request, RawHttp.Exchange exchange, String detail) {

        /** Fewer mutations first, then fewer bytes: the example closest to the cause. */
        static final Comparator<Example> SIMPLEST = Comparator.comparingInt((Example example) ->
                example.request().mutations().size()).thenComparingInt(example -> example.request().wire().length
                + example.request().target().length());
    }

    /** The failures of one oracle, operation and cause. */
    static final class Group {
        final String oracle;
        final String operation;
        final String cause;
        int count;
        final Map<String, Integer> mutationKinds = new TreeMap<>();
        Example simplest;

        Group(String oracle, String operation, String cause) {
            this.oracle = oracle;
            this.operation = operation;
            this.cause = cause;
        }
    }

    /** How to send a finding again: the service in demo mode, and a token of each kind the run used. */
    static final String AGAIN = """
            To send one again, start the service in demo mode (mvn package payara-micro:start) and in a shell:
              TORII=http://127.0.0.1:8080
              login() { curl -s "$TORII/token" -d "$1" | sed -E 's/.*"access_token":"([^"]+)".*/\\1/'; }
              USER_TOKEN=$(login 'username=johndoe&password=secret')
              ADMIN_WITHOUT_ADMIN_SCOPE_TOKEN=$(login 'username=admin&password=secretadmin&scope=me+items')
              ADMIN_TOKEN=$(login 'username=admin&password=secretadmin')
            Broken tokens were made with the run's key; to another server they are broken in more ways than one.
            """;

    private final Map<String, Group> groups = new LinkedHashMap<>();
    private int requests;

    public void counted() {
        requests++;
    }

    public void record(Request request, RawHttp.Exchange exchange, Judge.Violation violation) {
        var key = violation.oracle() + "|" + request.operation() + "|" + violation.cause();
        var group = groups.computeIfAbsent(key, ignored -> new Group(violation.oracle(),
                request.operation().toString(), violation.cause()));
        group.count++;
        var kinds = request.mutations().isEmpty() ? "none" : request.mutations().stream()
                .map(mutation -> mutation.replaceAll(" (in |\\(|:|form |query |json |path ).*", "")).distinct()
                .sorted().collect(Collectors.joining(" + "));
        group.mutationKinds.merge(kinds, 1, Integer::sum);
        var example = new Example(request, exchange, violation.detail());
        if (group.simplest == null || Example.SIMPLEST.compare(example, group.simplest) < 0) {
            group.simplest = example;
        }
    }

    public boolean isEmpty() {
        return groups.isEmpty();
    }

    public int size() {
        return groups.size();
    }

    /**
     * The report; each example's exact bytes are written under the folder too (NN.http, and NN.headers and NN.body
     * for curl), so that it can be sent again as it was.
     */
    public String report(URI base, RawHttp raw, Path folder) {
        var text = new StringBuilder();
        var sorted = new ArrayList<>(groups.values());
        sorted.sort(Comparator.comparing((Group group) -> group.oracle).thenComparing(group -> group.operation)
                .thenComparing(group -> group.cause));
        text.append(sorted.size()).append(" kinds of failure in ").append(requests).append(" requests")
                .append(" (oracle: operation: cause, how often, with which mutations; the simplest request;")
                .append(" its answer; curl to send it again)\n").append(AGAIN);
        int number = 0;
        for (var group : sorted) {
            number++;
            var example = group.simplest;
            var request = example.request();
            var name = String.format("%02d", number);
            var files = write(folder, name, raw, request);
            text.append("\n#").append(name).append(' ').append(group.oracle).append(": ").append(group.operation)
                    .append(": ").append(Abbreviated.of(group.cause, 120)).append(" (").append(group.count)
                    .append(" times; with ").append(group.mutationKinds.entrySet().stream()
                            .sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(4)
                            .map(entry -> entry.getKey() + " ×" + entry.getValue()).collect(Collectors.joining(", ")))
                    .append(")\n");
            text.append("  why: ").append(Abbreviated.of(example.detail(), 300)).append('\n');
            text.append("  made by: ").append(request.what()).append('\n');
            text.append(indent(request.toString()));
            text.append("  answer: ").append(answer(example.exchange())).append('\n');
            // curl frames a body by Content-Length, or in chunks when the headers ask for it; nothing else.
            if (request.framing() == Draft.Framing.CONTENT_LENGTH || request.framing() == Draft.Framing.CHUNKED
                    || request.framing() == Draft.Framing.CHUNKED_TEN_TIMES_THE_LIMIT) {
                text.append("  ").append(request.curl(files.get(0), files.get(1))).append('\n');
            }
            text.append("  as sent (to ").append(base.getHost()).append(':').append(base.getPort())
                    .append(", with the run's tokens): ").append(files.get(2)).append('\n');
        }
        try {
            Files.writeString(folder.resolve("findings.txt"), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    static String answer(RawHttp.Exchange exchange) {
        if (!exchange.answered()) {
            return exchange.noAnswer();
        }
        var reply = exchange.reply();
        return reply.status() + " " + reply.header("Content-Type") + " " + Abbreviated.of(reply.body(), 300);
    }

    static String indent(String text) {
        return text.lines().map(line -> "    " + line + "\n").collect(Collectors.joining());
    }

    /** The headers (for curl -H @FILE, without the Content-Length curl sets), the body, and the raw request. */
    static List<String> write(Path folder, String name, RawHttp raw, Request request) {
        try {
            Files.createDirectories(folder);
            var headers = folder.resolve(name + ".headers");
            var body = folder.resolve(name + ".body");
            var whole = folder.resolve(name + ".http");
            Files.writeString(headers, request.curlHeaders(), StandardCharsets.ISO_8859_1);
            Files.write(body, request.body() == null ? new byte[0] : request.body());
            var head = raw.head(request.method(), request.target(), request.headers())
                    .getBytes(StandardCharsets.ISO_8859_1);
            var bytes = new byte[head.length + request.wire().length];
            System.arraycopy(head, 0, bytes, 0, head.length);
            System.arraycopy(request.wire(), 0, bytes, head.length, request.wire().length);
            Files.write(whole, bytes);
            return List.of(headers.toString(), body.toString(), whole.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
