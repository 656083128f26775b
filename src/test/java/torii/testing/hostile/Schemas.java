package torii.testing.hostile;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a JSON value breaks of its schema, in the parts of JSON Schema this document uses: type, enum, pattern,
 * lengths, item counts and items. Formats are left out: JSON Schema makes them optional to check.
 */
public final class Schemas {

    /** How a violation of the type begins. */
    public static final String WRONG_TYPE = "is a ";

    private Schemas() {
    }

    public static List<String> violations(JsonObject schema, JsonValue value) {
        var violations = new ArrayList<String>();
        var type = schema.getString("type", null);
        if (type != null && !typeOf(value, type)) {
            violations.add(WRONG_TYPE + value.getValueType().name().toLowerCase() + " where the document says " + type);
            return violations;
        }
        if (schema.containsKey("enum") && !schema.getJsonArray("enum").contains(value)) {
            violations.add(abbreviated(value) + " is none of " + schema.getJsonArray("enum"));
        }
        if (value instanceof JsonString string) {
            var text = string.getString();
            var length = text.codePointCount(0, text.length());
            if (schema.containsKey("pattern") && !Pattern.compile(schema.getString("pattern")).matcher(text).find()) {
                violations.add(abbreviated(value) + " does not match " + schema.getString("pattern"));
            }
            if (schema.containsKey("minLength") && length < schema.getInt("minLength")) {
                violations.add("shorter than " + schema.getInt("minLength"));
            }
            if (schema.containsKey("maxLength") && length > schema.getInt("maxLength")) {
                violations.add("longer than " + schema.getInt("maxLength"));
            }
        }
        if (value.getValueType() == JsonValue.ValueType.ARRAY) {
            var items = value.asJsonArray();
            if (schema.containsKey("minItems") && items.size() < schema.getInt("minItems")) {
                violations.add("fewer items than " + schema.getInt("minItems"));
            }
            if (schema.containsKey("maxItems") && items.size() > schema.getInt("maxItems")) {
                violations.add("more items than " + schema.getInt("maxItems"));
            }
            if (schema.containsKey("items")) {
                items.forEach(item -> violations.addAll(violations(schema.getJsonObject("items"), item)));
            }
        }
        return violations;
    }

    static boolean typeOf(JsonValue value, String type) {
        return switch (type) {
            case "string" -> value.getValueType() == JsonValue.ValueType.STRING;
            case "boolean" -> value == JsonValue.TRUE || value == JsonValue.FALSE;
            case "integer" -> value instanceof JsonNumber number && number.isIntegral();
            case "number" -> value instanceof JsonNumber;
            case "array" -> value.getValueType() == JsonValue.ValueType.ARRAY;
            case "object" -> value.getValueType() == JsonValue.ValueType.OBJECT;
            default -> true;
        };
    }

    static String abbreviated(JsonValue value) {
        return Abbreviated.of(value.toString(), 40);
    }
}
