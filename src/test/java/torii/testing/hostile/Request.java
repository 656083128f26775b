package torii.testing.hostile;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A generated request exactly as it goes on the wire, with what it was made from: the operation, the caller and the
 * mutations. {@code body} is the body before framing (null if there is none), {@code wire} the bytes after it.
 */
public record Request(OpenApi.Operation operation, Credential credential, String method, String target,
        List<String> headers, byte[] body, byte[] wire, Draft.Framing framing, List<String> mutations) {

    /** The bytes of the request line and headers, with the Host and Connection headers RawHttp adds. */
    public int headLength(URI base) {
        var hostAndConnection = ("Host: " + base.getHost() + ":" + base.getPort() + "\r\nConnection: close\r\n")
                .length();
        return method.length() + target.length() + 11 + hostAndConnection
                + headers.stream().mapToInt(header -> header.length() + 2).sum() + 2;
    }

    public int bodyLength() {
        return body == null ? 0 : body.length;
    }

    public String path() {
        var query = target.indexOf('?');
        return query < 0 ? target : target.substring(0, query);
    }

    /** What was done to it, for reports: the mutations and the caller. */
    public String what() {
        return (mutations.isEmpty() ? "no mutation" : String.join(", ", mutations)) + "; " + credential;
    }

    /** The request as a developer reads it: tokens and long bodies abbreviated, other bytes shown as \xNN. */
    @Override
    public String toString() {
        var text = new StringBuilder(method).append(' ').append(Abbreviated.of(target, 300)).append('\n');
        headers.forEach(header -> text.append(header.startsWith("Authorization: Bearer ")
                ? "Authorization: Bearer " + Abbreviated.of(header.substring(22), 24) : header).append('\n'));
        if (body != null && body.length > 0) {
            text.append('\n').append(Abbreviated.of(new String(body, StandardCharsets.ISO_8859_1), 400)).append('\n');
        }
        return text.toString();
    }

    /**
     * A curl command that sends the same request to the service at $TORII: a real token from $USER_TOKEN and the like
     * (see {@link Findings}), the other headers from a file (curl -H @FILE, which leaves Content-Length to curl and
     * chunks the body if they say so), the body from another.
     */
    public String curl(String headersFile, String bodyFile) {
        var command = new StringBuilder("curl -sS -i -X ").append(method).append(" \"$TORII\"").append(quote(target));
        if (credential.variable() != null) {
            command.append(" -H \"Authorization: Bearer $").append(credential.variable()).append('"');
        }
        command.append(" -H @").append(headersFile);
        if (body != null && body.length > 0) {
            if (headers.stream().noneMatch(header -> header.regionMatches(true, 0, "Content-Type:", 0, 13))) {
                // Else curl would add its own.
                command.append(" -H 'Content-Type:'");
            }
            command.append(" --data-binary @").append(bodyFile);
        }
        return command.toString();
    }

    /** The headers for curl -H @FILE: not the token of a caller that $..._TOKEN stands for, nor Content-Length. */
    public String curlHeaders() {
        return headers.stream().filter(header -> !header.startsWith("Content-Length:"))
                .filter(header -> credential.variable() == null || !header.startsWith("Authorization:"))
                .map(header -> header + "\n").collect(Collectors.joining());
    }

    /** A shell word: single quotes, or $'…' with escapes where the text holds bytes a terminal would not show. */
    static String quote(String text) {
        if (text.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            return "'" + text.replace("'", "'\\''") + "'";
        }
        return text.chars().mapToObj(c -> c == '\'' ? "\\'" : c == '\\' ? "\\\\"
                : c >= 0x20 && c < 0x7f ? String.valueOf((char) c) : String.format("\\x%02x", c))
                .collect(Collectors.joining("", "$'", "'"));
    }
}
