package torii.testing.hostile;

import jakarta.json.Json;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/** One way to bend a request away from what the document describes; applied to a draft in the order generated. */
public sealed interface Mutation {

    /** The kind, which reports group by: what the mutations that provoke one failure have in common. */
    String kind();

    void apply(Draft draft);

    /** Mutations of the same slot replace each other: a request has one Content-Type, one shape, one framing. */
    default String slot() {
        return toString();
    }

    /** The field's text as it stands, decoded; what mutations that insert into a value start from. */
    static String text(Draft draft, Field field) {
        var value = draft.value(field);
        if (value instanceof JsonString string) {
            return string.getString();
        }
        return value == null ? "" : value.toString();
    }

    record Missing(Field field) implements Mutation {
        public String kind() {
            return "missing";
        }

        public void apply(Draft draft) {
            draft.remove(field);
        }

        @Override
        public String toString() {
            return "missing " + field;
        }
    }

    record Empty(Field field) implements Mutation {
        public String kind() {
            return "empty";
        }

        public void apply(Draft draft) {
            draft.put(field, field.encoded() ? "" : Wire.jsonText(""), Json.createValue(""));
        }

        @Override
        public String toString() {
            return "empty " + field;
        }
    }

    /** a=1&a=2 in a query or a form. */
    record Repeated(Field field, String first, String second) implements Mutation {
        public String kind() {
            return "repeated";
        }

        public void apply(Draft draft) {
            if (draft.value(field) == null) {
                draft.put(field, Wire.percent(first), Json.createValue(first));
            }
            draft.append(field, Wire.percent(second));
        }

        @Override
        public String toString() {
            return "repeated " + field;
        }
    }

    /** The name without "=": {@code username&password} in a form, {@code ?from} in a query. */
    record ValueLess(Field field) implements Mutation {
        public String kind() {
            return "value-less";
        }

        public void apply(Draft draft) {
            draft.put(field, null, null);
        }

        @Override
        public String toString() {
            return "value-less " + field;
        }
    }

    record Oversized(Field field, int bytes) implements Mutation {
        public String kind() {
            return "oversized";
        }

        public void apply(Draft draft) {
            var text = "a".repeat(bytes);
            draft.put(field, field.encoded() ? text : Wire.jsonText(text), Json.createValue(text));
        }

        @Override
        public String toString() {
            return "oversized (" + bytes + " bytes) " + field;
        }
    }

    /** A JSON value of another type than the schema's. */
    record WrongType(Field field, JsonValue value) implements Mutation {
        public String kind() {
            return "wrong JSON type";
        }

        public void apply(Draft draft) {
            draft.put(field, Wire.json(value), value);
        }

        @Override
        public String toString() {
            return "wrong JSON type " + field + ": " + value;
        }
    }

    /**
     * A control character inside the value: escaped as JSON or percent-encoding escapes it, or raw, as the byte itself,
     * where the bytes are a body (raw in a request line would end the line: that is framing, not a field).
     */
    record ControlCharacter(Field field, char character, boolean raw) implements Mutation {
        public String kind() {
            return "control character";
        }

        public void apply(Draft draft) {
            var text = text(draft, field);
            var half = text.length() / 2;
            var value = text.substring(0, half) + character + text.substring(half);
            var rawInBody = raw && rawInBody();
            var decoded = Json.createValue(value);
            switch (field.where()) {
                // A raw character below U+0020 in a JSON string is no JSON (RFC 8259 section 7): no value to check.
                // DEL may stand unescaped, and is then the same string as escaped.
                case JSON -> draft.put(field, rawInBody ? "\"" + Wire.utf8(value.replace("\\", "\\\\")
                        .replace("\"", "\\\"")) + "\"" : Wire.jsonText(value),
                        rawInBody && character < 0x20 ? null : decoded);
                case FORM -> draft.put(field, rawInBody ? Wire.utf8(value) : Wire.percent(value), decoded);
                default -> draft.put(field, Wire.percent(value), decoded);
            }
        }

        @Override
        public String toString() {
            return String.format("control character U+%04X%s in %s", (int) character, raw && rawInBody() ? " (raw)" : "",
                    field);
        }

        boolean rawInBody() {
            return field.where() == Field.Where.FORM || field.where() == Field.Where.JSON;
        }
    }

    /** Bytes that are not UTF-8 at the end of the value: raw in a body, percent-encoded in a request line or form. */
    record InvalidUtf8(Field field, String bytes, boolean raw) implements Mutation {
        public String kind() {
            return "invalid UTF-8";
        }

        public void apply(Draft draft) {
            var text = text(draft, field);
            // What a lenient decoder makes of it: the schema checks see the replacement character.
            var decoded = Json.createValue(text + "\uFFFD");
            switch (field.where()) {
                case JSON -> draft.put(field, "\"" + Wire.utf8(text.replace("\\", "\\\\").replace("\"", "\\\""))
                        + bytes + "\"", decoded);
                case FORM -> draft.put(field, raw ? Wire.percent(text) + bytes : Wire.percent(text)
                        + Wire.percentBytes(bytes), decoded);
                default -> draft.put(field, Wire.percent(text) + Wire.percentBytes(bytes), decoded);
            }
        }

        @Override
        public String toString() {
            // JSON can carry such bytes only raw: its escapes stand for characters, not bytes.
            var sentRaw = field.where() == Field.Where.JSON || (raw && field.where() == Field.Where.FORM);
            return "invalid UTF-8 " + Abbreviated.of(bytes, 20) + (sentRaw ? " (raw)" : "") + " in " + field;
        }
    }

    record BrokenPercentEncoding(Field field, String escape) implements Mutation {
        public String kind() {
            return "broken percent-encoding";
        }

        public void apply(Draft draft) {
            var text = text(draft, field);
            draft.put(field, Wire.percent(text) + escape, Json.createValue(text + escape));
        }

        @Override
        public String toString() {
            return "broken percent-encoding \"" + escape + "\" in " + field;
        }
    }

    /** A day that is no day as YYYY-MM-DD; a '+' sent raw reads as a space, encoded as a plus. */
    record DayOutOfRange(Field field, String day, boolean plusEncoded) implements Mutation {
        public String kind() {
            return "day out of range";
        }

        public void apply(Draft draft) {
            draft.put(field, plusEncoded ? day.replace("+", "%2B") : day, Json.createValue(day));
        }

        @Override
        public String toString() {
            return "day " + (plusEncoded ? day.replace("+", "%2B") : day) + " in " + field;
        }
    }

    /** Text an attacker tries: SQL, script, lookups, paths, direction overrides. */
    record HostileText(Field field, String text) implements Mutation {
        public String kind() {
            return "hostile text";
        }

        public void apply(Draft draft) {
            draft.put(field, field.encoded() ? Wire.percent(text) : Wire.jsonText(text), Json.createValue(text));
        }

        @Override
        public String toString() {
            return "hostile text " + Abbreviated.of(text, 40) + " in " + field;
        }
    }

    /** Another Content-Type than the document's; null sends none. */
    record ContentType(String description, String header) implements Mutation {
        public String kind() {
            return "content type";
        }

        public String slot() {
            return kind();
        }

        public void apply(Draft draft) {
            draft.contentType = header == null ? null : header.replace("{declared}", draft.mediaType);
        }

        @Override
        public String toString() {
            return "content type: " + description;
        }
    }

    /** JSON text around the object: trailing garbage, an array around it, a second document. */
    record Shape(Draft.Shape shape, String garbage) implements Mutation {
        public String kind() {
            return "JSON shape";
        }

        public String slot() {
            return kind();
        }

        public void apply(Draft draft) {
            draft.shape = shape;
            draft.garbage = garbage;
        }

        @Override
        public String toString() {
            return "JSON " + shape.name().toLowerCase().replace('_', ' ')
                    + (shape == Draft.Shape.TRAILING_GARBAGE ? " " + Abbreviated.of(garbage, 20) : "");
        }
    }

    record Framing(Draft.Framing framing) implements Mutation {
        public String kind() {
            return "framing " + framing.name().toLowerCase().replace('_', ' ');
        }

        public String slot() {
            return "framing";
        }

        public void apply(Draft draft) {
            draft.framing = framing;
        }

        @Override
        public String toString() {
            return kind();
        }
    }
}
