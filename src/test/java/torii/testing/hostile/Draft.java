package torii.testing.hostile;

import jakarta.json.JsonValue;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import torii.testing.RawHttp;

/**
 * A request under construction: first what a client following the document would send, then bent by mutations. Every
 * value is kept as it goes on the wire, as a byte string (one char per byte), so that a mutation can put bytes there
 * that no encoder would: invalid UTF-8, broken percent escapes, raw control characters.
 */
public final class Draft {

    /** The bodies the service reads whole are refused over this size (see RequestLimits); the gateway's are larger. */
    public static final int BODY_LIMIT = 64 * 1024;
    public static final int GATEWAY_BODY_LIMIT = 4 * 1024 * 1024;

    /** What the JSON text around the object is. */
    public enum Shape {
        ONE_OBJECT, TRAILING_GARBAGE, ARRAY_AROUND, TWO_DOCUMENTS
    }

    /**
     * How the body is delimited on the wire. The last three name a transfer coding other than chunked alone (RFC 9112
     * section 6.1): one before chunked, chunked not the last, and one without chunked, whose body has no end a server
     * could find.
     */
    public enum Framing {
        CONTENT_LENGTH, CHUNKED, CHUNKED_TEN_TIMES_THE_LIMIT, CONTENT_LENGTH_BEYOND_BODY, TWO_CONTENT_LENGTHS,
        CHUNKED_AND_CONTENT_LENGTH, CODING_BEFORE_CHUNKED, CHUNKED_NOT_LAST, CODING_WITHOUT_CHUNKED;

        /** Whether the request names a transfer coding other than chunked. */
        public boolean otherCoding() {
            return this == CODING_BEFORE_CHUNKED || this == CHUNKED_NOT_LAST || this == CODING_WITHOUT_CHUNKED;
        }
    }

    /** One name=value of a query or a form as it goes on the wire; a null value is the name alone, without "=". */
    public record Pair(String name, String wire) {
    }

    /** One member of the JSON object: its name, its value's JSON text on the wire, and that value if it is JSON. */
    public record Member(String name, String wire, JsonValue value) {
    }

    final OpenApi.Operation operation;
    final Credential credential;
    /** The media type of the body the document describes, or null. */
    final String mediaType;
    final List<Field> fields;
    final Map<String, String> path = new LinkedHashMap<>();
    final List<Pair> query = new ArrayList<>();
    final List<Pair> form = new ArrayList<>();
    final List<Member> json = new ArrayList<>();
    /** The Content-Type header, or null for none. */
    String contentType;
    Shape shape = Shape.ONE_OBJECT;
    String garbage = "";
    Framing framing = Framing.CONTENT_LENGTH;
    final List<String> mutations = new ArrayList<>();
    /** Each field's value as the schema checks see it, decoded; absent when the field is. */
    final Map<String, JsonValue> values = new HashMap<>();

    Draft(OpenApi.Operation operation, Credential credential, List<Field> fields) {
        this.operation = operation;
        this.credential = credential;
        this.fields = fields;
        this.mediaType = operation.bodies().keySet().stream().findFirst().orElse(null);
        this.contentType = mediaType;
    }

    public JsonValue value(Field field) {
        return values.get(field.toString());
    }

    /** Sets the field to one value: the first occurrence replaced (repeats stay), or added at the end. */
    void put(Field field, String wire, JsonValue value) {
        if (value == null) {
            values.remove(field.toString());
        } else {
            values.put(field.toString(), value);
        }
        switch (field.where()) {
            case PATH -> path.put(field.name(), wire == null ? "" : wire);
            case QUERY -> replace(query, field.name(), wire);
            case FORM -> replace(form, field.name(), wire);
            case JSON -> {
                var member = new Member(field.name(), wire, value);
                var at = indexOf(json.stream().map(Member::name).toList(), field.name());
                if (at < 0) {
                    json.add(member);
                } else {
                    json.set(at, member);
                }
            }
        }
    }

    /** The field left out; a path parameter left empty, as a client that forgot it would send it. */
    void remove(Field field) {
        values.remove(field.toString());
        switch (field.where()) {
            case PATH -> path.put(field.name(), "");
            case QUERY -> query.removeIf(pair -> pair.name().equals(field.name()));
            case FORM -> form.removeIf(pair -> pair.name().equals(field.name()));
            case JSON -> json.removeIf(member -> member.name().equals(field.name()));
        }
    }

    /** One more occurrence of a query or form parameter. */
    void append(Field field, String wire) {
        (field.where() == Field.Where.QUERY ? query : form).add(new Pair(field.name(), wire));
    }

    static void replace(List<Pair> pairs, String name, String wire) {
        var at = indexOf(pairs.stream().map(Pair::name).toList(), name);
        if (at < 0) {
            pairs.add(new Pair(name, wire));
        } else {
            pairs.set(at, new Pair(name, wire));
        }
    }

    static int indexOf(List<String> names, String name) {
        return names.indexOf(name);
    }

    public boolean formBody() {
        return Wire.FORM.equals(mediaType);
    }

    public boolean jsonBody() {
        return mediaType != null && !formBody();
    }

    /** The plain body, before any framing: null when the operation takes none. */
    byte[] body() {
        if (mediaType == null) {
            return null;
        }
        if (formBody()) {
            return Wire.bytes(form.stream().map(pair -> pair.wire() == null ? pair.name()
                    : pair.name() + "=" + pair.wire()).collect(Collectors.joining("&")));
        }
        var object = json.stream().map(member -> Wire.jsonText(member.name()) + ":" + member.wire())
                .collect(Collectors.joining(",", "{", "}"));
        return Wire.bytes(switch (shape) {
            case ONE_OBJECT -> object;
            case TRAILING_GARBAGE -> object + garbage;
            case ARRAY_AROUND -> "[" + object + "]";
            case TWO_DOCUMENTS -> object + object;
        });
    }

    public int limit() {
        return operation.path().startsWith("/v1/") ? GATEWAY_BODY_LIMIT : BODY_LIMIT;
    }

    /** Puts it on the wire: target, headers and body as framed. */
    public Request render() {
        var target = operation.path();
        for (var parameter : path.entrySet()) {
            target = target.replace("{" + parameter.getKey() + "}", parameter.getValue());
        }
        if (!query.isEmpty()) {
            target += query.stream().map(pair -> pair.wire() == null ? pair.name() : pair.name() + "=" + pair.wire())
                    .collect(Collectors.joining("&", "?", ""));
        }
        var headers = new ArrayList<String>();
        if (credential.authorization() != null) {
            headers.add("Authorization: " + credential.authorization());
        }
        var body = body();
        if (body != null && contentType != null) {
            headers.add("Content-Type: " + contentType);
        }
        var plain = body;
        if (framing == Framing.CHUNKED_TEN_TIMES_THE_LIMIT) {
            plain = padded(body == null ? new byte[0] : body, 10 * limit());
        }
        byte[] wire = plain;
        switch (framing) {
            case CONTENT_LENGTH -> {
                if (plain != null && (plain.length > 0 || !List.of("GET", "DELETE").contains(operation.method()))) {
                    headers.add("Content-Length: " + plain.length);
                }
            }
            case CHUNKED, CHUNKED_TEN_TIMES_THE_LIMIT -> {
                headers.add("Transfer-Encoding: chunked");
                wire = RawHttp.chunked(Objects.requireNonNullElse(plain, new byte[0]), 8192);
            }
            case CONTENT_LENGTH_BEYOND_BODY -> headers.add("Content-Length: "
                    + (Objects.requireNonNullElse(plain, new byte[0]).length + 100));
            case TWO_CONTENT_LENGTHS -> {
                var length = Objects.requireNonNullElse(plain, new byte[0]).length;
                headers.add("Content-Length: " + length);
                headers.add("Content-Length: " + (length + 1));
            }
            case CHUNKED_AND_CONTENT_LENGTH -> {
                var length = Objects.requireNonNullElse(plain, new byte[0]).length;
                headers.add("Transfer-Encoding: chunked");
                headers.add("Content-Length: " + length);
                wire = RawHttp.chunked(Objects.requireNonNullElse(plain, new byte[0]), 8192);
            }
            case CODING_BEFORE_CHUNKED, CHUNKED_NOT_LAST -> {
                headers.add("Transfer-Encoding: " + (framing == Framing.CODING_BEFORE_CHUNKED ? "gzip, chunked"
                        : "chunked, gzip"));
                wire = RawHttp.chunked(Objects.requireNonNullElse(plain, new byte[0]), 8192);
            }
            case CODING_WITHOUT_CHUNKED -> headers.add("Transfer-Encoding: gzip");
        }
        return new Request(operation, credential, operation.method(), target, List.copyOf(headers), plain,
                wire == null ? new byte[0] : wire, framing, List.copyOf(mutations));
    }

    /** The body made as long as the size by a field of its own, so that it stays a form or a JSON object. */
    byte[] padded(byte[] body, int size) {
        var out = new ByteArrayOutputStream(size + 64);
        if (jsonBody() && body.length > 0 && body[body.length - 1] == '}' && shape == Shape.ONE_OBJECT) {
            out.write(body, 0, body.length - 1);
            out.writeBytes((body.length > 2 ? "," : "").getBytes(StandardCharsets.US_ASCII));
            out.writeBytes("\"padding\":\"".getBytes(StandardCharsets.US_ASCII));
            out.writeBytes("a".repeat(Math.max(0, size - body.length - 14)).getBytes(StandardCharsets.US_ASCII));
            out.writeBytes("\"}".getBytes(StandardCharsets.US_ASCII));
        } else {
            out.writeBytes(body);
            out.writeBytes((body.length > 0 ? "&padding=" : "padding=").getBytes(StandardCharsets.US_ASCII));
            out.writeBytes("a".repeat(Math.max(0, size - body.length - 9)).getBytes(StandardCharsets.US_ASCII));
        }
        return out.toByteArray();
    }
}
