package torii.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Sends requests byte for byte as written, which an HTTP client library would refuse or repair: invalid UTF-8, NUL
 * bytes, repeated headers, unnormalized paths, and with {@link #exchange} framing of the caller's choosing (chunked
 * bodies, two Content-Length headers, a Content-Length the body never reaches).
 */
public record RawHttp(URI base) {

    /** What came back: an answer, or why there was none (the answer is then null). */
    public record Exchange(Api.Reply reply, String noAnswer, String writeFailure) {

        public boolean answered() {
            return reply != null;
        }
    }

    /**
     * Sends the request line, Host, Connection: close, the headers exactly as given (no Content-Length is added) and
     * the body as it should go on the wire, and reads the answer as it arrives: up to the end its own framing gives,
     * so that a server that answers early and then waits for the rest of the body does not hold the test. A server
     * that has not answered within the timeout, or closes without answering, gives no answer.
     */
    public Exchange exchange(String method, String target, List<String> headers, byte[] wireBody, Duration timeout) {
        var head = head(method, target, headers);
        var writeFailure = new AtomicReference<String>();
        try (var socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout((int) timeout.toMillis());
            // Written on a thread of its own: a server may answer, and stop reading, before the body is all sent.
            var writer = new Thread(() -> {
                try {
                    var out = socket.getOutputStream();
                    out.write(head.getBytes(StandardCharsets.ISO_8859_1));
                    out.write(wireBody == null ? new byte[0] : wireBody);
                    out.flush();
                } catch (IOException e) {
                    writeFailure.set(e.toString());
                }
            }, "raw-http-writer");
            writer.setDaemon(true);
            writer.start();
            try {
                var reply = read(new BufferedInputStream(socket.getInputStream()), method.equals("HEAD"));
                return new Exchange(reply, null, writeFailure.get());
            } catch (SocketTimeoutException e) {
                return new Exchange(null, "no answer within " + timeout.toMillis() + " ms", writeFailure.get());
            } catch (EOFException e) {
                return new Exchange(null, "the connection closed without a complete answer", writeFailure.get());
            } catch (IOException e) {
                return new Exchange(null, "the connection failed: " + e, writeFailure.get());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The request line and headers as {@link #exchange} sends them, with the blank line that ends them. */
    public String head(String method, String target, List<String> headers) {
        var head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: ").append(base.getHost()).append(':').append(base.getPort()).append("\r\n")
                .append("Connection: close\r\n");
        headers.forEach(header -> head.append(header).append("\r\n"));
        return head.append("\r\n").toString();
    }

    /** The body in chunks of the given size, as Transfer-Encoding: chunked frames it (RFC 9112 section 7.1). */
    public static byte[] chunked(byte[] body, int chunkSize) {
        var out = new ByteArrayOutputStream(body.length + body.length / chunkSize * 8 + 16);
        for (int at = 0; at < body.length; at += chunkSize) {
            int size = Math.min(chunkSize, body.length - at);
            out.writeBytes((Integer.toHexString(size) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(body, at, size);
            out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }
        out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        return out.toByteArray();
    }

    /** One response: its head, then a body framed by chunks, by Content-Length, or by the end of the connection. */
    static Api.Reply read(InputStream in, boolean noBody) throws IOException {
        var statusLine = line(in);
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (var header = line(in); !header.isEmpty(); header = line(in)) {
            var colon = header.indexOf(':');
            headers.computeIfAbsent(header.substring(0, colon).trim().toLowerCase(), name -> new ArrayList<>())
                    .add(header.substring(colon + 1).trim());
        }
        var body = new ByteArrayOutputStream();
        var length = headers.getOrDefault("content-length", List.of());
        if (noBody || status == 204 || status == 304) {
            // No body, whatever the headers say.
        } else if (headers.getOrDefault("transfer-encoding", List.of()).contains("chunked")) {
            for (int size = Integer.parseInt(line(in).split(";")[0].trim(), 16); size > 0;
                 size = Integer.parseInt(line(in).split(";")[0].trim(), 16)) {
                body.write(exactly(in, size));
                line(in);
            }
            while (!line(in).isEmpty()) {
                // Trailers, if any.
            }
        } else if (!length.isEmpty()) {
            body.write(exactly(in, Integer.parseInt(length.get(0))));
        } else {
            in.transferTo(body);
        }
        return new Api.Reply(status, headers, body.toString(StandardCharsets.UTF_8));
    }

    static String line(InputStream in) throws IOException {
        var line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new EOFException();
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    static byte[] exactly(InputStream in, int size) throws IOException {
        var bytes = in.readNBytes(size);
        if (bytes.length < size) {
            throw new EOFException();
        }
        return bytes;
    }

    /** Sends the request line, headers and body; adds Host, Connection and, if there is a body, Content-Length. */
    public Api.Reply send(String method, String target, List<String> headers, byte[] body) {
        var head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: ").append(base.getHost()).append(':').append(base.getPort()).append("\r\n")
                .append("Connection: close\r\n");
        headers.forEach(header -> head.append(header).append("\r\n"));
        if (body != null && headers.stream().noneMatch(header -> header.toLowerCase().startsWith("content-length:"))) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        try (var socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            var out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) {
                out.write(body);
            }
            out.flush();
            return parse(socket.getInputStream().readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Api.Reply parse(byte[] response) {
        var text = new String(response, StandardCharsets.ISO_8859_1);
        var end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            throw new IllegalStateException("No complete response: " + text);
        }
        var lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            var colon = lines[i].indexOf(':');
            headers.computeIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(), name -> new ArrayList<>())
                    .add(lines[i].substring(colon + 1).trim());
        }
        var body = text.substring(end + 4);
        if (headers.getOrDefault("transfer-encoding", List.of()).contains("chunked")) {
            body = unchunk(body);
        }
        return new Api.Reply(status, headers,
                new String(body.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
    }

    static String unchunk(String chunked) {
        var out = new ByteArrayOutputStream();
        int at = 0;
        while (true) {
            var lineEnd = chunked.indexOf("\r\n", at);
            int size = Integer.parseInt(chunked.substring(at, lineEnd).split(";")[0].trim(), 16);
            if (size == 0) {
                return out.toString(StandardCharsets.ISO_8859_1);
            }
            out.writeBytes(chunked.substring(lineEnd + 2, lineEnd + 2 + size).getBytes(StandardCharsets.ISO_8859_1));
            at = lineEnd + 2 + size + 2;
        }
    }
}
