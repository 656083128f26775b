package torii.testing.hostile;

import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Text as it goes on the wire, held as byte strings (one char per byte, ISO-8859-1), so that any byte can be written:
 * percent-encoding, JSON text, and back.
 */
public final class Wire {

    public static final String FORM = "application/x-www-form-urlencoded";
    public static final String JSON = "application/json";

    private Wire() {
    }

    /** The UTF-8 bytes of the text, as a byte string. */
    public static String utf8(String text) {
        return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    public static byte[] bytes(String byteString) {
        return byteString.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Every byte of the text's UTF-8 but the unreserved characters (RFC 3986 section 2.3) percent-encoded. */
    public static String percent(String text) {
        return percentBytes(utf8(text));
    }

    /** Every byte of the byte string but the unreserved characters percent-encoded. */
    public static String percentBytes(String byteString) {
        var out = new StringBuilder();
        for (var c : byteString.toCharArray()) {
            if (c < 0x80 && (Character.isLetterOrDigit(c) || "-._~".indexOf(c) >= 0)) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", (int) c));
            }
        }
        return out.toString();
    }

    /** The bytes a percent-encoded byte string stands for, or null if an escape is broken; '+' is a space in forms. */
    public static byte[] decode(String wire, boolean plusIsSpace) {
        var out = new ByteArrayOutputStream();
        for (int i = 0; i < wire.length(); i++) {
            var c = wire.charAt(i);
            if (c == '%') {
                if (i + 2 >= wire.length() || Character.digit(wire.charAt(i + 1), 16) < 0
                        || Character.digit(wire.charAt(i + 2), 16) < 0) {
                    return null;
                }
                out.write(Integer.parseInt(wire.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.write(c == '+' && plusIsSpace ? ' ' : c);
            }
        }
        return out.toByteArray();
    }

    /** The JSON text of the value, as a byte string of its UTF-8. */
    public static String json(JsonValue value) {
        return utf8(value.toString());
    }

    /** A JSON string literal of the text, as a byte string of its UTF-8. */
    public static String jsonText(String text) {
        return json(Json.createValue(text));
    }

    /** A control character other than the tab, or DEL: what RFC 6749 appendix A leaves out of every parameter. */
    public static boolean hasControlCharacter(byte[] bytes) {
        for (var b : bytes) {
            if ((b >= 0 && b < 0x20 && b != '\t') || b == 0x7f) {
                return true;
            }
        }
        return false;
    }
}
