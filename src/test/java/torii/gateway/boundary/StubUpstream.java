package torii.gateway.boundary;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * An OpenAI-compatible upstream on 127.0.0.1 that answers as the test tells it: normally, streaming one chunk at a
 * time, too slowly, with an error status, or with garbage. It keeps the last request it received.
 */
class StubUpstream implements AutoCloseable {

    /** How the next requests are answered. */
    enum Mode { NORMAL, STREAM, STEPWISE_STREAM, SLOW, SLOW_STREAM, BROKEN_STREAM, SERVER_ERROR, GARBAGE, CONTEXT_TOO_LONG,
        KEY_REFUSED, RATE_LIMITED }

    static final String USAGE = "{\"prompt_tokens\":11,\"completion_tokens\":7,\"total_tokens\":18}";
    static final long SLOWNESS_MS = 4000;

    private final HttpServer server;
    volatile Mode mode = Mode.NORMAL;
    volatile Map<String, List<String>> lastHeaders;
    volatile String lastBody;
    /** In a stepwise stream, counted down by the test once it has read the first chunk; the rest follows only then. */
    final CountDownLatch firstChunkRead = new CountDownLatch(1);
    volatile boolean waitedInVain;

    /** On the port the test server's configuration binds the stub application's key to. */
    StubUpstream() throws IOException {
        this(Integer.getInteger("torii.it.stub-port", 0));
    }

    StubUpstream(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/v1/chat/completions", this::answer);
        server.createContext("/v1/models", this::models);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /** The model list, as an OpenAI-compatible server has it; the key refused in KEY_REFUSED mode. */
    void models(HttpExchange exchange) throws IOException {
        lastHeaders = Map.copyOf(exchange.getRequestHeaders());
        try (exchange) {
            if (mode == Mode.KEY_REFUSED) {
                json(exchange, 401, "{\"error\":{\"message\":\"Incorrect API key provided\"}}");
            } else {
                json(exchange, 200, "{\"object\":\"list\",\"data\":[]}");
            }
        }
    }

    void answer(HttpExchange exchange) throws IOException {
        lastHeaders = Map.copyOf(exchange.getRequestHeaders());
        lastBody = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        try (exchange) {
            switch (mode) {
                case NORMAL -> json(exchange, 200, completion("Hello from upstream"));
                case SLOW -> {
                    sleep(SLOWNESS_MS);
                    json(exchange, 200, completion("Too late"));
                }
                case SERVER_ERROR -> json(exchange, 500, "{\"error\":{\"message\":\"Internal failure\"}}");
                case GARBAGE -> json(exchange, 200, "<html>Bad gateway</html>");
                case CONTEXT_TOO_LONG -> json(exchange, 400, "{\"error\":{\"message\":\"This model's maximum context "
                        + "length is 4096 tokens\",\"type\":\"invalid_request_error\",\"code\":\"context_length_exceeded\"}}");
                case KEY_REFUSED -> json(exchange, 401, "{\"error\":{\"message\":\"Incorrect API key provided: "
                        + header("Authorization") + "\"}}");
                case RATE_LIMITED -> {
                    exchange.getResponseHeaders().add("Retry-After", "7");
                    json(exchange, 429, "{\"error\":{\"message\":\"Slow down, please\"}}");
                }
                case STREAM, STEPWISE_STREAM, SLOW_STREAM, BROKEN_STREAM -> stream(exchange);
            }
        }
    }

    void stream(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        // A broken stream promises more than it sends: closing it short closes the connection mid-answer.
        exchange.sendResponseHeaders(200, mode == Mode.BROKEN_STREAM ? 1_000_000 : 0);
        var out = exchange.getResponseBody();
        event(out, chunk("{\"role\":\"assistant\",\"content\":\"First\"}", null));
        if (mode == Mode.SLOW_STREAM) {
            sleep(SLOWNESS_MS);
        }
        if (mode == Mode.BROKEN_STREAM) {
            return;
        }
        if (mode == Mode.STEPWISE_STREAM) {
            try {
                waitedInVain = !firstChunkRead.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        event(out, chunk("{\"content\":\" and second\"}", null));
        event(out, chunk("{}", "stop"));
        event(out, "{\"id\":\"chatcmpl-stub\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
                + "\"choices\":[],\"usage\":" + USAGE + "}");
        event(out, "[DONE]");
    }

    static String chunk(String delta, String finish) {
        return "{\"id\":\"chatcmpl-stub\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
                + "\"choices\":[{\"index\":0,\"delta\":" + delta + ",\"finish_reason\":"
                + (finish == null ? "null" : "\"" + finish + "\"") + "}]}";
    }

    static String completion(String text) {
        return "{\"id\":\"chatcmpl-stub\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"stub-model\","
                + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"" + text + "\"},"
                + "\"finish_reason\":\"stop\"}],\"usage\":" + USAGE + "}";
    }

    static void event(OutputStream out, String data) throws IOException {
        out.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    static void json(HttpExchange exchange, int status, String body) throws IOException {
        var bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    String header(String name) {
        return header(lastHeaders, name);
    }

    /** The first value of the header, whatever the case of its name; null if it was not sent. */
    static String header(Map<String, List<String>> headers, String name) {
        var values = headers.entrySet().stream().filter(entry -> entry.getKey().equalsIgnoreCase(name))
                .findFirst().map(Map.Entry::getValue).orElse(List.of());
        return values.isEmpty() ? null : values.get(0);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
