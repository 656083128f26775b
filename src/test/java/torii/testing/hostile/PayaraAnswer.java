package torii.testing.hostile;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import torii.testing.RawHttp;

/**
 * The answers that Payara Micro's HTTP layer (Grizzly) gives itself, before the application could see the request,
 * with an empty body and without the headers every answer of the application carries. They are exempt from the
 * oracles, each for the one kind of request named, and only while the answer is that bare one: a JSON answer of the
 * application to the same request is judged like any other. Shrink this list as the platform lets the application
 * answer these requests itself.
 */
public enum PayaraAnswer {

    /** Grizzly's limit on the request line and headers together (8 KB); the application's own 414 comes later. */
    HEAD_OVER_8_KB(400) {
        boolean matches(Request request, URI base) {
            return request.headLength(base) > 8 * 1024;
        }
    },
    /** "400 Invalid URI": a path with NUL, an encoded backslash, bytes that are not UTF-8, or climbing above root. */
    INVALID_URI(400) {
        boolean matches(Request request, URI base) {
            var bytes = Wire.decode(request.path(), false);
            if (bytes == null) {
                return false;
            }
            var text = new String(bytes, StandardCharsets.ISO_8859_1);
            return text.indexOf('\0') >= 0 || text.indexOf('\\') >= 0 || !utf8(bytes) || text.contains("/../")
                    || text.endsWith("/..");
        }
    },
    /** A broken percent escape in the path (/admin/users/%zz): a 200 with no body, and no application reached. */
    UNDECODABLE_PATH(200) {
        boolean matches(Request request, URI base) {
            return Wire.decode(request.path(), false) == null;
        }
    },
    /** RFC 9112 section 6.3: two Content-Length headers make the length ambiguous; Grizzly refuses it. */
    TWO_CONTENT_LENGTHS(400) {
        boolean matches(Request request, URI base) {
            return request.framing() == Draft.Framing.TWO_CONTENT_LENGTHS;
        }
    },
    /** Transfer-Encoding and Content-Length together, which request smuggling relies on; Grizzly refuses it. */
    CHUNKED_WITH_CONTENT_LENGTH(400) {
        boolean matches(Request request, URI base) {
            return request.framing() == Draft.Framing.CHUNKED_AND_CONTENT_LENGTH;
        }
    },
    /** Grizzly refuses a GET or a DELETE that comes with a body (any Content-Length above 0, or chunked). */
    BODY_ON_GET_OR_DELETE(400) {
        boolean matches(Request request, URI base) {
            return (request.method().equals("GET") || request.method().equals("DELETE"))
                    && (request.wire().length > 0 || request.framing() != Draft.Framing.CONTENT_LENGTH);
        }
    },
    /**
     * A Content-Length larger than the body sent: the server waits for bytes that never come, until its idle timeout,
     * unless the application answers without reading the body. No answer within the short timeout is what is expected.
     */
    CONTENT_LENGTH_BEYOND_BODY(0) {
        boolean matches(Request request, URI base) {
            return request.framing() == Draft.Framing.CONTENT_LENGTH_BEYOND_BODY;
        }
    };

    private final int status;

    PayaraAnswer(int status) {
        this.status = status;
    }

    abstract boolean matches(Request request, URI base);

    /** The exemption that covers this answer to this request, if one does. */
    public static Optional<PayaraAnswer> of(Request request, RawHttp.Exchange exchange, URI base) {
        return Arrays.stream(values()).filter(answer -> answer.matches(request, base)).filter(answer -> {
            if (answer.status == 0) {
                return !exchange.answered() && exchange.noAnswer().startsWith("no answer within");
            }
            var reply = exchange.reply();
            return reply != null && reply.status() == answer.status && reply.body().isEmpty()
                    && reply.header("X-Content-Type-Options") == null;
        }).findFirst();
    }

    static boolean utf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
