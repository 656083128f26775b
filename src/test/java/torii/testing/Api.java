package torii.testing;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/** A plain HTTP client for the service under test, on the loopback address it listens on. */
public record Api(URI base) {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Arquillian reports the machine's external address; the service listens on loopback only. */
    public static Api at(URL deployment) {
        try {
            return new Api(new URI("http", null, "127.0.0.1", deployment.getPort(), deployment.getPath(), null, null));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public URI uri(String path) {
        return base.resolve(path.startsWith("/") ? path.substring(1) : path);
    }

    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30));
    }

    public Reply get(String path, String... headers) {
        return send(headers.length == 0 ? request(path).GET() : request(path).headers(headers).GET());
    }

    public Reply getWithToken(String path, String token) {
        return get(path, "Authorization", "Bearer " + token);
    }

    /** An Authorization header value for HTTP Basic client authentication (RFC 6749 section 2.3.1). */
    public static String basic(String clientId, String secret) {
        var encode = (java.util.function.UnaryOperator<String>) value -> java.net.URLEncoder.encode(value,
                java.nio.charset.StandardCharsets.UTF_8);
        return "Basic " + java.util.Base64.getEncoder().encodeToString((encode.apply(clientId) + ":"
                + encode.apply(secret)).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    public Reply postForm(String path, String form, String... headers) {
        var request = request(path).header("Content-Type", "application/x-www-form-urlencoded");
        return send((headers.length == 0 ? request : request.headers(headers))
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    /** A request with a JSON body (or none, when body is null) and a bearer token. */
    public Reply json(String method, String path, String token, String body) {
        var request = request(path).header("Authorization", "Bearer " + token);
        if (body == null) {
            return send(request.method(method, HttpRequest.BodyPublishers.noBody()));
        }
        return send(request.header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Logs in at /token and returns the whole answer, failing the test if the login fails. */
    public jakarta.json.JsonObject loginForTokens(String form) {
        var reply = postForm("token", form);
        if (reply.status() != 200) {
            throw new AssertionError("Login failed: " + reply);
        }
        return reply.json();
    }

    /** Logs in at /token and returns the access token, failing the test if the login fails. */
    public String login(String username, String password) {
        var reply = postForm("token", "username=" + username + "&password=" + password);
        if (reply.status() != 200) {
            throw new AssertionError("Login of " + username + " failed: " + reply);
        }
        return reply.json().getString("access_token");
    }

    /**
     * Sends the request, and once more on a new connection if it failed before any answer. The shared client keeps each
     * connection to a server (HTTP/2 after the upgrade) with no idle limit of its own on Java 17, and Payara closes one
     * that has been idle for 30 s; a test class that reuses a server after that long can send its first request on a
     * connection as the server closes it, and see "Broken pipe" instead of the service's answer. A timeout is not
     * sent again. Every request here has a body that can be sent twice.
     */
    public Reply send(HttpRequest.Builder request) {
        try {
            return exchange(request);
        } catch (java.net.http.HttpTimeoutException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (java.io.IOException closed) {
            try {
                return exchange(request);
            } catch (java.io.IOException e) {
                e.addSuppressed(closed);
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    private static Reply exchange(HttpRequest.Builder request) throws java.io.IOException {
        try {
            var response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers().map(), response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A response: status, headers and body. */
    public record Reply(int status, java.util.Map<String, List<String>> headers, String body) {

        public String header(String name) {
            return headers.entrySet().stream().filter(entry -> entry.getKey().equalsIgnoreCase(name))
                    .map(entry -> String.join(", ", entry.getValue())).findFirst().orElse(null);
        }

        public JsonValue value() {
            try (var reader = Json.createReader(new StringReader(body))) {
                return reader.readValue();
            }
        }

        public JsonObject json() {
            return value().asJsonObject();
        }

        public JsonArray array() {
            return value().asJsonArray();
        }
    }
}
