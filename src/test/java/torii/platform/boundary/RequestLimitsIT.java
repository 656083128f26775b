package torii.platform.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.ThreadMXBean;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import torii.testing.Api;
import torii.testing.Deployments;
import torii.testing.RawHttp;

/**
 * Runs inside Payara Micro, so that it can see what the server allocates: a body is refused with 413 once past its
 * limit, whatever its framing, without being read to its end or held in memory.
 */
@ExtendWith(ArquillianExtension.class)
class RequestLimitsIT {

    /** torii.limits.gateway-body-bytes, by default. */
    static final long GATEWAY_LIMIT = 4 * 1024 * 1024;
    static final long BODY_LIMIT = 64 * 1024;

    @Deployment
    @TargetsContainer("in-container")
    static WebArchive deployment() {
        return Deployments.inContainer();
    }

    @ArquillianResource
    URL deployment;

    /** What a chunked upload achieved: the bytes written before the server answered or closed, and its answer. */
    record Sent(long bytes, Api.Reply reply) {
    }

    /**
     * Sends a chunked body of the given size, a chunk at a time, and stops as soon as the server answers or stops
     * taking bytes; a client that does not stop is what the server must not wait for.
     */
    Sent chunked(String target, String contentType, String token, byte[] prefix, long size) throws IOException {
        var api = Api.at(deployment);
        try (var socket = new Socket("127.0.0.1", api.base().getPort())) {
            socket.setSoTimeout(30_000);
            var out = socket.getOutputStream();
            var head = "POST " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " + contentType + "\r\n"
                    + (token == null ? "" : "Authorization: Bearer " + token + "\r\n")
                    + "Transfer-Encoding: chunked\r\n\r\n";
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            var chunk = new byte[64 * 1024];
            Arrays.fill(chunk, (byte) 'a');
            var chunkHead = (Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
            var in = socket.getInputStream();
            long sent = 0;
            try {
                out.write(chunkHead(prefix.length));
                out.write(prefix);
                out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
                while (sent < size && in.available() == 0) {
                    out.write(chunkHead);
                    out.write(chunk);
                    out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    sent += chunk.length;
                }
                if (sent >= size) {
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                }
            } catch (IOException closedByTheServer) {
                // The server answered and closed the connection: the rest is not wanted.
            }
            return new Sent(sent, RawHttp.parse(readAll(in)));
        }
    }

    static byte[] chunkHead(int length) {
        return (Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] readAll(InputStream in) throws IOException {
        try {
            return in.readAllBytes();
        } catch (IOException reset) {
            throw new IOException("The connection broke before a whole answer arrived", reset);
        }
    }

    static long allocatedByAllThreads() {
        var threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        return Arrays.stream(threads.getThreadAllocatedBytes(threads.getAllThreadIds())).filter(bytes -> bytes > 0)
                .sum();
    }

    @Test
    void chunkedFormPastTheLimitIs413InTheJsonShape() throws IOException {
        var sent = chunked("/token", "application/x-www-form-urlencoded", null,
                "username=johndoe&password=".getBytes(StandardCharsets.US_ASCII), 10 * BODY_LIMIT);
        assertEquals(413, sent.reply().status(), sent.reply().body());
        assertTrue(sent.reply().header("Content-Type").startsWith("application/json"));
        assertTrue(sent.reply().body().contains("\"detail\""), sent.reply().body());
    }

    @Test
    void chunkedConversationTenTimesTheLimitIsRefusedWithoutBeingReadOrHeld() throws IOException {
        var api = Api.at(deployment);
        var token = api.login("johndoe", "secret");
        var prefix = "{\"model\":\"translator\",\"messages\":[{\"role\":\"user\",\"content\":\""
                .getBytes(StandardCharsets.US_ASCII);
        var before = allocatedByAllThreads();
        var sent = chunked("/v1/chat/completions", "application/json", token, prefix, 10 * GATEWAY_LIMIT);
        var allocated = allocatedByAllThreads() - before;
        assertEquals(413, sent.reply().status(), sent.reply().body());
        assertTrue(sent.reply().body().contains("\"error\""), "OpenAI's error shape under /v1: " + sent.reply().body());
        assertTrue(sent.bytes() < 10 * GATEWAY_LIMIT / 2, "the server stopped taking the body: " + sent.bytes());
        // Reading up to the limit costs a few times the limit in buffers and text; reading the whole body would cost
        // at least twice the body, twenty times the limit.
        assertTrue(allocated < 4 * GATEWAY_LIMIT, "the server allocated " + allocated + " bytes for a body it refused");
    }

    /** Writes the request as it is and reads everything the server sends until it closes the connection. */
    String exchange(String request) throws IOException {
        return exchange(request, null);
    }

    /** The same, reading no further than the end of an answer in chunks when {@code lastChunk} is set. */
    String exchange(String request, String lastChunk) throws IOException {
        try (var socket = new Socket("127.0.0.1", Api.at(deployment).base().getPort())) {
            socket.setSoTimeout(60_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            if (lastChunk == null) {
                return new String(readAll(socket.getInputStream()), StandardCharsets.ISO_8859_1);
            }
            var answer = new StringBuilder();
            var in = socket.getInputStream();
            for (int b = in.read(); b != -1; b = in.read()) {
                answer.append((char) b);
                if (b == '\n' && answer.toString().endsWith(lastChunk)) {
                    break;
                }
            }
            return answer.toString();
        }
    }

    static void assertJsonAnswer(int status, String answer) {
        assertTrue(answer.startsWith("HTTP/1.1 " + status + " "), answer);
        assertTrue(answer.contains("Content-Type: application/json"), answer);
        assertTrue(answer.contains("\"detail\""), answer);
    }

    @Test
    void aGetWithABodyIsRefusedInTheJsonShape() throws IOException {
        assertJsonAnswer(400, exchange("GET /status HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello"));
        assertJsonAnswer(400, exchange("DELETE /admin/apps/x HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5\r\nhello\r\n0\r\n\r\n"));
    }

    /**
     * Payara would take the body as empty and read it as a second request: exactly one answer comes, a refusal. It is
     * Torii's (400 in JSON, 501 for a coding before chunked) or, when Payara's codec sees the framing first, Payara's
     * own empty 400 (docs/operations.md, "Payara's own answers").
     */
    @Test
    void aTransferCodingOtherThanChunkedIsRefusedAndNothingIsSmuggled() throws IOException {
        var smuggled = "GET /status HTTP/1.1\r\nHost: x\r\n\r\n";
        for (var coding : java.util.List.of("gzip, chunked", "gzip", "chunked, gzip")) {
            var body = coding.endsWith("chunked") ? "0\r\n\r\n" + smuggled : smuggled;
            var answer = exchange("POST /token HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded"
                    + "\r\nTransfer-Encoding: " + coding + "\r\n\r\n" + body);
            var torii = coding.endsWith("chunked") ? 501 : 400;
            if (answer.contains("Content-Length: 0")) {
                assertTrue(answer.startsWith("HTTP/1.1 400 "), "Payara's own refusal: " + answer);
            } else {
                assertJsonAnswer(torii, answer);
            }
            assertEquals(answer.indexOf("HTTP/1.1"), answer.lastIndexOf("HTTP/1.1"), "one answer only: " + answer);
        }
    }

    /**
     * Read up to the answer's last chunk only: after it Payara keeps the connection open for the rest of the body (at
     * most max-swallowing-input-bytes) until its keep-alive timeout, 30 s more, although the answer says it closes.
     */
    @Test
    void aBodyThatStopsArrivingIsATimeoutInTheJsonShapeNotAFailure() throws IOException {
        var answer = exchange("POST /token HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                + "Content-Length: 1000\r\n\r\nusername=j", "\r\n0\r\n\r\n");
        assertJsonAnswer(408, answer);
        assertTrue(answer.contains("Connection: close"), answer);
    }
}
