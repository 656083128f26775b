package torii.gateway.boundary;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * An Azure OpenAI resource on 127.0.0.1 with one deployment, speaking chat completions as Azure's inference REST
 * reference shapes them: the deployment in the path, a required {@code api-version}, the key in {@code api-key}, and
 * content-filter results on the prompt and on every choice. A prompt holding {@link #REFUSED_WORD} is refused by the
 * filter; one holding {@link #FILTERED_WORD} is answered with a completion the filter cut short. It keeps the last
 * request it received.
 * <p>
 * It is also the Microsoft Entra ID tenant {@link #TENANT}: its v2.0 token endpoint grants client credentials to the
 * client {@link #ENTRA_CLIENT} with {@link #ENTRA_SECRET}, for Azure AI's scope, and the deployment takes the tokens it
 * issued as {@code Authorization: Bearer} until they are revoked. Its refusal quotes the secret it was sent, as no
 * real endpoint should, so that a test sees whether the gateway passes such words on.
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

    static final String TENANT = "tenant-x";
    static final String TOKEN_PATH = "/" + TENANT + "/oauth2/v2.0/token";
    static final String ENTRA_CLIENT = "torii-test";
    static final String ENTRA_SECRET = "entra-test-secret-for-tests";
    static final String ENTRA_SCOPE = "https://cognitiveservices.azure.com/.default";

    private static final Pattern PATH = Pattern.compile("/openai/deployments/([^/]+)/chat/completions");

    private final HttpServer server;
    /** The key it accepts; any other is refused with 401. */
    volatile String acceptedKey;
    volatile boolean rateLimited;
    volatile Map<String, List<String>> lastHeaders;
    volatile String lastPath;
    volatile String lastQuery;
    volatile String lastBody;
    /** The tokens issued and not revoked. */
    final Set<String> tokens = ConcurrentHashMap.newKeySet();
    /** Requests to the token endpoint, granted or not. */
    final AtomicInteger tokenRequests = new AtomicInteger();
    volatile Map<String, String> lastTokenForm;

    /** On the port the test server's configuration binds the application's key to. */
    AzureOpenAiStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.getInteger("torii.it.azure-port", 0)), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/openai/", this::answer);
        server.createContext(TOKEN_PATH, this::grant);
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
                StubUpstream.json(exchange, 404, "{\"error\":{\"code\":\"DeploymentNotFound\",\"message\":\"The API deployment "
                        + "for this resource does not exist.\"}}");
            } else if (lastQuery == null || !lastQuery.matches("(.*&)?api-version=[^&]+(&.*)?")) {
                // Azure itself answers 404 "Resource not found"; its reference only calls the version required.
                StubUpstream.json(exchange, 400, "{\"error\":{\"code\":\"MissingApiVersionParameter\",\"message\":\"The "
                        + "api-version query parameter (?api-version=) is required for all requests.\"}}");
            } else if (!authorized()) {
                StubUpstream.json(exchange, 401, "{\"error\":{\"code\":\"401\",\"message\":\"Access denied due to invalid "
                        + "subscription key or wrong API endpoint. Make sure to provide a valid key for an active "
                        + "subscription and use a correct regional API endpoint for your resource.\"}}");
            } else if (rateLimited) {
                exchange.getResponseHeaders().add("Retry-After", "7");
                StubUpstream.json(exchange, 429, "{\"error\":{\"code\":\"429\",\"message\":\"Requests to the "
                        + "ChatCompletions_Create Operation under Azure OpenAI API version 2024-10-21 have exceeded "
                        + "token rate limit of your current OpenAI S0 pricing tier. Please retry after 7 seconds.\"}}");
            } else {
                complete(exchange, Gateway.json(lastBody));
            }
        }
    }

    /** The key it accepts in {@code api-key}, or a token it issued as a bearer token. */
    boolean authorized() {
        var key = header("api-key");
        if (key != null) {
            return key.equals(acceptedKey);
        }
        var authorization = header("Authorization");
        return authorization != null && authorization.startsWith("Bearer ")
                && tokens.contains(authorization.substring("Bearer ".length()));
    }

    /** The client credentials grant, as Entra's v2.0 endpoint answers it (RFC 6749 sections 4.4, 5.1 and 5.2). */
    void grant(HttpExchange exchange) throws IOException {
        tokenRequests.incrementAndGet();
        try (exchange) {
            var form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            lastTokenForm = form;
            if (!exchange.getRequestMethod().equals("POST") || !"application/x-www-form-urlencoded".equals(
                    exchange.getRequestHeaders().getFirst("Content-Type"))) {
                StubUpstream.json(exchange, 405, "{\"error\":\"invalid_request\"}");
            } else if (!"client_credentials".equals(form.get("grant_type"))) {
                StubUpstream.json(exchange, 400, "{\"error\":\"unsupported_grant_type\",\"error_codes\":[70003]}");
            } else if (!ENTRA_CLIENT.equals(form.get("client_id")) || !ENTRA_SECRET.equals(form.get("client_secret"))) {
                StubUpstream.json(exchange, 401, "{\"error\":\"invalid_client\",\"error_description\":\"AADSTS7000215: Invalid "
                        + "client secret provided: " + form.get("client_secret") + "\",\"error_codes\":[7000215]}");
            } else if (!ENTRA_SCOPE.equals(form.get("scope"))) {
                StubUpstream.json(exchange, 400, "{\"error\":\"invalid_scope\",\"error_codes\":[70011]}");
            } else {
                var token = "eyJ0eXAiOiJKV1QifQ.entra-" + UUID.randomUUID() + ".sig";
                tokens.add(token);
                StubUpstream.json(exchange, 200, "{\"token_type\":\"Bearer\",\"expires_in\":3599,\"ext_expires_in\":3599,"
                        + "\"access_token\":\"" + token + "\"}");
            }
        }
    }

    static Map<String, String> form(String body) {
        var form = new HashMap<String, String>();
        for (var pair : body.split("&")) {
            var parts = pair.split("=", 2);
            form.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
                    parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
        }
        return form;
    }

    void complete(HttpExchange exchange, JsonObject request) throws IOException {
        var prompt = request.getJsonArray("messages").toString();
        if (prompt.contains(REFUSED_WORD)) {
            StubUpstream.json(exchange, 400, "{\"error\":{\"message\":\"" + FILTER_MESSAGE + "\",\"type\":null,\"param\":"
                    + "\"prompt\",\"code\":\"content_filter\",\"status\":400,\"innererror\":{\"code\":"
                    + "\"ResponsibleAIPolicyViolation\",\"content_filter_result\":{\"hate\":{\"filtered\":true,"
                    + "\"severity\":\"high\"},\"self_harm\":{\"filtered\":false,\"severity\":\"safe\"},\"sexual\":"
                    + "{\"filtered\":false,\"severity\":\"safe\"},\"violence\":{\"filtered\":false,\"severity\":"
                    + "\"safe\"}}}}}");
        } else if (request.getBoolean("stream", false)) {
            stream(exchange, request);
        } else if (prompt.contains(FILTERED_WORD)) {
            StubUpstream.json(exchange, 200, completion("{\"role\":\"assistant\"}", "content_filter", "{\"hate\":{\"filtered\":"
                    + "false,\"severity\":\"safe\"},\"self_harm\":{\"filtered\":false,\"severity\":\"safe\"},"
                    + "\"sexual\":{\"filtered\":false,\"severity\":\"safe\"},\"violence\":{\"filtered\":true,"
                    + "\"severity\":\"medium\"}}"));
        } else {
            StubUpstream.json(exchange, 200, completion("{\"role\":\"assistant\",\"content\":\"" + ANSWER + "\"}", "stop", SAFE));
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
        StubUpstream.event(out, "{\"choices\":[],\"created\":0,\"id\":\"\",\"model\":\"\",\"object\":\"\","
                + "\"prompt_filter_results\":" + PROMPT_FILTER_RESULTS + "}");
        StubUpstream.event(out, chunk("{\"content\":\"\",\"refusal\":null,\"role\":\"assistant\"}", null, "{}"));
        StubUpstream.event(out, chunk("{\"content\":\"Hello\"}", null, SAFE));
        StubUpstream.event(out, chunk("{\"content\":\" from Azure\"}", null, SAFE));
        StubUpstream.event(out, chunk("{}", "stop", "{}"));
        var options = request.getJsonObject("stream_options");
        if (options != null && options.getBoolean("include_usage", false)) {
            StubUpstream.event(out, "{\"choices\":[],\"created\":1733000000,\"id\":\"chatcmpl-AzureStub\",\"model\":\"" + MODEL
                    + "\",\"object\":\"chat.completion.chunk\",\"system_fingerprint\":\"fp_stub\",\"usage\":" + USAGE
                    + "}");
        }
        StubUpstream.event(out, "[DONE]");
    }

    static String chunk(String delta, String finish, String filterResults) {
        return "{\"choices\":[{\"content_filter_results\":" + filterResults + ",\"delta\":" + delta
                + ",\"finish_reason\":" + (finish == null ? "null" : "\"" + finish + "\"") + ",\"index\":0,"
                + "\"logprobs\":null}],\"created\":1733000000,\"id\":\"chatcmpl-AzureStub\",\"model\":\"" + MODEL
                + "\",\"object\":\"chat.completion.chunk\",\"system_fingerprint\":\"fp_stub\"}";
    }

    String header(String name) {
        return StubUpstream.header(lastHeaders, name);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
