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
 * The answers that Payara Micro's HTTP layer (Grizzly) still gives itself, before the application could see the
 * request, with an empty body and without the headers every answer of the application carries: the rows of "Payara's
 * own answers" in the README that generated requests can meet, which no listener setting changes. They are exempt from
 * the oracles, each for the one kind of request named, and only while the answer is that bare one: a JSON answer of
 * the application to the same request is judged like any other. Shrink this list as the platform lets the application
 * answer these requests itself.
 */
public enum PayaraAnswer {

    /** A request line and headers over the listener's 16 KB (header-buffer-length-bytes); past 8 KB Torii answers 414. */
    HEAD_OVER_16_KB(400) {
        boolean matches(Request request, URI base) {
            return request.headLength(base) > 16 * 1024;
        }
    },
    /** "400 Invalid URI" for a NUL in the path (%00). */
    INVALID_URI_NUL(400) {
        boolean matches(Request request, URI base) {
            return decodedPath(request).filter(text -> text.indexOf('\0') >= 0).isPresent();
        }
    },
    /** "400 Invalid URI" for bytes in the path that are not UTF-8 (%ff). */
    INVALID_URI_NOT_UTF8(400) {
        boolean matches(Request request, URI base) {
            return decodedPath(request).filter(text -> !utf8(text.getBytes(StandardCharsets.ISO_8859_1))).isPresent();
        }
    },
    /** "400 Invalid URI" for an encoded dot-segment that climbs above the root (..%2F..%2F..%2F..%2Fetc%2Fpasswd). */
    INVALID_URI_ABOVE_ROOT(400) {
        boolean matches(Request request, URI base) {
            return decodedPath(request).filter(text -> text.contains("/../")).isPresent();
        }
    },
    /** "400 Invalid URI" for an encoded backslash in the path (%5C). */
    INVALID_URI_BACKSLASH(400) {
        boolean matches(Request request, URI base) {
            return decodedPath(request).filter(text -> text.indexOf('\\') >= 0).isPresent();
        }
    },
    /** A broken percent escape in the path (/admin/users/%zz): a 200 with no body, and no application reached. */
    UNDECODABLE_PATH(200) {
        boolean matches(Request request, URI base) {
            return Wire.decode(request.path(), false) == null;
        }
    },
    /** RFC 9112 section 6.3: two different Content-Length headers make the length ambiguous; Grizzly refuses it. */
    TWO_CONTENT_LENGTHS(400) {
        boolean matches(Request request, URI base) {
            return request.framing() == Draft.Framing.TWO_CONTENT_LENGTHS;
        }
    },
    /**
     * Transfer-Encoding and Content-Length together, which request smuggling relies on: Grizzly refuses it ("Can't use
     * both headers Content-Length and Transfer-Encoding" in the log).
     */
    CHUNKED_WITH_CONTENT_LENGTH(400) {
        boolean matches(Request request, URI base) {
            return request.framing() == Draft.Framing.CHUNKED_AND_CONTENT_LENGTH;
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
            var reply = exchange.reply();
            return reply != null && reply.status() == answer.status && reply.body().isEmpty()
                    && reply.header("X-Content-Type-Options") == null;
        }).findFirst();
    }

    /** The path's bytes as a byte string, once percent-decoded; empty where an escape is broken. */
    static Optional<String> decodedPath(Request request) {
        var bytes = Wire.decode(request.path(), false);
        return bytes == null ? Optional.empty() : Optional.of(new String(bytes, StandardCharsets.ISO_8859_1));
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
