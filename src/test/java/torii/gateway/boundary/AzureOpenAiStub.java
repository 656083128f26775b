package torii.gateway.boundary;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;

/**
 * An Azure OpenAI resource on 127.0.0.1 with one deployment, speaking chat completions as Azure's inference REST
 * reference shapes them: the deployment in the path, a required {@code api-version}, the key in {@code api-key}, and
 * content-filter results on the prompt and on every choice. A prompt holding {@link #REFUSED_WORD} is refused by the
 * filter; one holding {@link #FILTERED_WORD} is answered with a completion the filter cut short. It keeps the last
 * request it received.
 */
class AzureOpenAiStub implements AutoCloseable {

    static final String DEPLOYMENT = "gpt-4o-mini.prod_eu";
    static final String REFUSED_WORD = "forbidden-topic";
    static final String FILTERED_WORD = "cut-short";
    static final String ANSWER = "Hello from Azure";
    /** Azure names the model behind the deployment in its answers, not the deployment. */
    static final String MODEL = "gpt-4o-mini-2024-07-18";
    static final String USAGE = "{\"completion_tokens\":5,\"prompt_tokens\":13,\"total_tokens\":18}";
    static final String SAFE = "{\"hate\":{\"filtered\":false,\"severity\":\"safe\"},"
            + "\"self_harm\":{\"filtered\":false,\"severity\":\"safe\"},"
            + "\"sexual\":{\"filtered\":false,\"severity\":\"safe\"},"
            + "\"violence\":{\"filtered\":false,\"severity\":\"safe\"}}";
    static final String PROMPT_FILTER_RESULTS = "[{\"prompt_index\":0,\"content_filter_results\":" + SAFE + "}]";
    /** Azure's words for a filtered prompt, which the gateway must not pass on. */
    static final String FILTER_MESSAGE = "The response was filtered due to the prompt triggering Azure OpenAI's "
            + "content management policy. Please modify your prompt and retry.";

    private static final Pattern PATH = Pattern.compile("/openai/deployments/([^/]+)/chat/completions");

    private final HttpServer server;
    /** The key it accepts; any other is refused with 401. */
    volatile String acceptedKey;
    volatile boolean rateLimited;
    volatile Map<String, List<String>> lastHeaders;
    volatile String lastPath;
    volatile String lastQuery;
    volatile String lastBody;

    /** On the port the test server's configuration binds the application's key to. */
    AzureOpenAiStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.getInteger("torii.it.azure-port", 0)), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/openai/", this::answer);
        server.start();
    }

    /** The resource's endpoint, as Azure shows it: no path. */
    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void answer(HttpExchange exchange) throws IOException {
        lastHeaders = Map.copyOf(exchange.getRequestHeaders());
        lastPath = exchange.getRequestURI().getPath();
        lastQuery = exchange.getRequestURI().getRawQuery();
        lastBody = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        try (exchange) {
            var path = PATH.matcher(lastPath);
            if (!exchange.getRequestMethod().equals("POST") || !path.matches()
                    || !path.group(1).equals(DEPLOYMENT)) {
                json(exchange, 404, "{\"error\":{\"code\":\"DeploymentNotFound\",\"message\":\"The API deployment "
                        + "for this resource does not exist.\"}}");
            } else if (lastQuery == null || !lastQuery.matches("(.*&)?api-version=[^&]+(&.*)?")) {
                // Azure itself answers 404 "Resource not found"; its reference only calls the version required.
                json(exchange, 400, "{\"error\":{\"code\":\"MissingApiVersionParameter\",\"message\":\"The "
                        + "api-version query parameter (?api-version=) is required for all requests.\"}}");
            } else if (acceptedKey == null || !acceptedKey.equals(header("api-key"))) {
                json(exchange, 401, "{\"error\":{\"code\":\"401\",\"message\":\"Access denied due to invalid "
                        + "subscription key or wrong API endpoint. Make sure to provide a valid key for an active "
                        + "subscription and use a correct regional API endpoint for your resource.\"}}");
            } else if (rateLimited) {
                exchange.getResponseHeaders().add("Retry-After", "7");
                json(exchange, 429, "{\"error\":{\"code\":\"429\",\"message\":\"Requests to the "
                        + "ChatCompletions_Create Operation under Azure OpenAI API version 2024-10-21 have exceeded "
                        + "token rate limit of your current OpenAI S0 pricing tier. Please retry after 7 seconds.\"}}");
            } else {
                complete(exchange, Gateway.json(lastBody));
            }
        }
    }

    void complete(HttpExchange exchange, JsonObject request) throws IOException {
        var prompt = request.getJsonArray("messages").toString();
        if (prompt.contains(REFUSED_WORD)) {
            json(exchange, 400, "{\"error\":{\"message\":\"" + FILTER_MESSAGE + "\",\"type\":null,\"param\":"
                    + "\"prompt\",\"code\":\"content_filter\",\"status\":400,\"innererror\":{\"code\":"
                    + "\"ResponsibleAIPolicyViolation\",\"content_filter_result\":{\"hate\":{\"filtered\":true,"
                    + "\"severity\":\"high\"},\"self_harm\":{\"filtered\":false,\"severity\":\"safe\"},\"sexual\":"
                    + "{\"filtered\":false,\"severity\":\"safe\"},\"violence\":{\"filtered\":false,\"severity\":"
                    + "\"safe\"}}}}}");
        } else if (request.getBoolean("stream", false)) {
            stream(exchange, request);
        } else if (prompt.contains(FILTERED_WORD)) {
            json(exchange, 200, completion("{\"role\":\"assistant\"}", "content_filter", "{\"hate\":{\"filtered\":"
                    + "false,\"severity\":\"safe\"},\"self_harm\":{\"filtered\":false,\"severity\":\"safe\"},"
                    + "\"sexual\":{\"filtered\":false,\"severity\":\"safe\"},\"violence\":{\"filtered\":true,"
                    + "\"severity\":\"medium\"}}"));
        } else {
            json(exchange, 200, completion("{\"role\":\"assistant\",\"content\":\"" + ANSWER + "\"}", "stop", SAFE));
        }
    }

    static String completion(String message, String finish, String filterResults) {
        return "{\"choices\":[{\"content_filter_results\":" + filterResults + ",\"finish_reason\":\"" + finish
                + "\",\"index\":0,\"logprobs\":null,\"message\":" + message + "}],\"created\":1733000000,"
                + "\"id\":\"chatcmpl-AzureStub\",\"model\":\"" + MODEL + "\",\"object\":\"chat.completion\","
                + "\"prompt_filter_results\":" + PROMPT_FILTER_RESULTS + ",\"system_fingerprint\":\"fp_stub\","
                + "\"usage\":" + USAGE + "}";
    }

    /** First the prompt's filter results alone, in a chunk of no choices; then the answer; usage if asked for. */
    void stream(HttpExchange exchange, JsonObject request) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        var out = exchange.getResponseBody();
        event(out, "{\"choices\":[],\"created\":0,\"id\":\"\",\"model\":\"\",\"object\":\"\","
                + "\"prompt_filter_results\":" + PROMPT_FILTER_RESULTS + "}");
        event(out, chunk("{\"content\":\"\",\"refusal\":null,\"role\":\"assistant\"}", null, "{}"));
        event(out, chunk("{\"content\":\"Hello\"}", null, SAFE));
        event(out, chunk("{\"content\":\" from Azure\"}", null, SAFE));
        event(out, chunk("{}", "stop", "{}"));
        var options = request.getJsonObject("stream_options");
        if (options != null && options.getBoolean("include_usage", false)) {
            event(out, "{\"choices\":[],\"created\":1733000000,\"id\":\"chatcmpl-AzureStub\",\"model\":\"" + MODEL
                    + "\",\"object\":\"chat.completion.chunk\",\"system_fingerprint\":\"fp_stub\",\"usage\":" + USAGE
                    + "}");
        }
        event(out, "[DONE]");
    }

    static String chunk(String delta, String finish, String filterResults) {
        return "{\"choices\":[{\"content_filter_results\":" + filterResults + ",\"delta\":" + delta
                + ",\"finish_reason\":" + (finish == null ? "null" : "\"" + finish + "\"") + ",\"index\":0,"
                + "\"logprobs\":null}],\"created\":1733000000,\"id\":\"chatcmpl-AzureStub\",\"model\":\"" + MODEL
                + "\",\"object\":\"chat.completion.chunk\",\"system_fingerprint\":\"fp_stub\"}";
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
        var values = lastHeaders.entrySet().stream().filter(entry -> entry.getKey().equalsIgnoreCase(name))
                .findFirst().map(Map.Entry::getValue).orElse(List.of());
        return values.isEmpty() ? null : values.get(0);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
