package bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * The benchmark's HTTP application, never part of the product: answers every request with the same small JSON, on
 * loopback, with the JDK's own HTTP server. Run as {@code java bench/TrivialApi.java PORT}. The benchmark calls it
 * directly and through Torii's /apps, so the difference is what Torii adds.
 */
public class TrivialApi {

    static final byte[] ANSWER = "{\"answer\":\"Refunds are accepted within 30 days\",\"sources\":[\"faq.md\"]}"
            .getBytes(StandardCharsets.UTF_8);

    public static void main(String[] args) throws IOException {
        // Without it, small answers wait for the peer's delayed acknowledgement: about 40 ms each.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        var server = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])), 1024);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/", exchange -> {
            try {
                exchange.getRequestBody().readAllBytes();
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, ANSWER.length);
                exchange.getResponseBody().write(ANSWER);
            } finally {
                exchange.close();
            }
        });
        server.start();
    }
}
