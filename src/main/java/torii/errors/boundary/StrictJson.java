package torii.errors.boundary;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.lang.annotation.Annotation;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.Optional;

/**
 * Reads the JSON bodies of this API's own requests strictly, where JSON-B would bend: the body is UTF-8 holding one
 * JSON object and nothing after it; each member names a field of the target type and has that field's JSON type (a
 * string for text, true or false for a flag, an array of strings for a set of names; null for any of them); unknown
 * members are refused rather than ignored, so that a misspelt field is never silently lost. Each refusal is a 400
 * naming the member. Only then is the body bound, by JSON-B. No JSON-B implementation offers these rules as settings.
 */
@Provider
@Consumes(MediaType.APPLICATION_JSON)
public class StrictJson implements MessageBodyReader<Object> {

    private static final JsonProvider JSON = JsonProvider.provider();
    private static final Jsonb BINDING = JsonbBuilder.create();

    /** This API's request types; the gateway reads OpenAI's bodies, which it passes on, as text. */
    @Override
    public boolean isReadable(Class<?> type, Type generic, Annotation[] annotations, MediaType mediaType) {
        return type.getPackageName().startsWith("torii.");
    }

    @Override
    public Object readFrom(Class<Object> type, Type generic, Annotation[] annotations, MediaType mediaType,
            MultivaluedMap<String, String> headers, InputStream body) throws IOException {
        var text = utf8(body.readAllBytes());
        if (text.isBlank()) {
            // No body at all: the resource says whether one is required.
            return null;
        }
        var object = object(text);
        object.forEach((name, value) -> check(type, name, value));
        return BINDING.fromJson(object.toString(), generic);
    }

    static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException notUtf8) {
            throw malformed("The body must be UTF-8 (RFC 8259 section 8.1)");
        }
    }

    /** The one JSON object the text holds, or 400. */
    static JsonObject object(String text) {
        return onlyObject(text).orElseThrow(() -> malformed("The body must be one JSON object and nothing after it"));
    }

    /** The text as one JSON object with nothing after it; empty when it is malformed or holds anything else. */
    public static Optional<JsonObject> onlyObject(String text) {
        try (var parser = JSON.createParser(new StringReader(text))) {
            if (!parser.hasNext() || parser.next() != JsonParser.Event.START_OBJECT) {
                return Optional.empty();
            }
            var object = parser.getObject();
            return parser.hasNext() ? Optional.empty() : Optional.of(object);
        } catch (RuntimeException malformed) {
            // JsonParsingException, or JsonException for a nesting deeper than the parser allows.
            return Optional.empty();
        }
    }

    /** 400 unless the type has a field of this name whose JSON type the value has. */
    static void check(Class<?> type, String name, JsonValue value) {
        var field = field(type, name).orElseThrow(() -> unknown(name));
        if (value.getValueType() == JsonValue.ValueType.NULL) {
            if (field.raw().isPrimitive()) {
                throw ApiException.invalidParam(name, "must not be null");
            }
            return;
        }
        var expected = expected(field.raw(), field.generic());
        if (!expected.accepts(value)) {
            throw ApiException.invalidParam(name, "must be " + expected.description);
        }
        if (holdsNul(value)) {
            // No text of this API holds one, and some databases cannot store it at all.
            throw ApiException.invalidParam(name, "must not contain NUL characters");
        }
    }

    static boolean holdsNul(JsonValue value) {
        if (value instanceof jakarta.json.JsonString text) {
            return text.getString().indexOf('\0') >= 0;
        }
        return value.getValueType() == JsonValue.ValueType.ARRAY && value.asJsonArray().stream()
                .anyMatch(StrictJson::holdsNul);
    }

    /** A field as declared: its class and its full type. */
    record Field(Class<?> raw, Type generic) {
    }

    static Optional<Field> field(Class<?> type, String name) {
        if (type.isRecord()) {
            return Arrays.stream(type.getRecordComponents()).filter(component -> component.getName().equals(name))
                    .findFirst().map(component -> new Field(component.getType(), component.getGenericType()));
        }
        return Arrays.stream(type.getFields()).filter(field -> field.getName().equals(name)).findFirst()
                .map(field -> new Field(field.getType(), field.getGenericType()));
    }

    /** The JSON types a field of this Java type takes. */
    enum Kind {
        TEXT("a string"), FLAG("true or false"), NUMBER("a whole number"), NAMES("an array of strings");

        final String description;

        Kind(String description) {
            this.description = description;
        }

        boolean accepts(JsonValue value) {
            return switch (this) {
                case TEXT -> value.getValueType() == JsonValue.ValueType.STRING;
                case FLAG -> value == JsonValue.TRUE || value == JsonValue.FALSE;
                case NUMBER -> value instanceof jakarta.json.JsonNumber number && number.isIntegral();
                case NAMES -> value.getValueType() == JsonValue.ValueType.ARRAY && value.asJsonArray().stream()
                        .allMatch(element -> element.getValueType() == JsonValue.ValueType.STRING);
            };
        }
    }

    static Kind expected(Class<?> raw, Type generic) {
        if (raw == String.class) {
            return Kind.TEXT;
        }
        if (raw == Boolean.class || raw == boolean.class) {
            return Kind.FLAG;
        }
        if (raw == Integer.class || raw == int.class || raw == Long.class || raw == long.class) {
            return Kind.NUMBER;
        }
        if (Collection.class.isAssignableFrom(raw) && generic instanceof ParameterizedType parameterized
                && parameterized.getActualTypeArguments()[0] == String.class) {
            return Kind.NAMES;
        }
        throw new IllegalStateException("No JSON rule for a field of type " + generic);
    }

    static ApiException unknown(String name) {
        var presentable = name.length() <= 64 && name.chars().noneMatch(Character::isISOControl);
        return presentable ? ApiException.invalidParam(name, "unknown field")
                : malformed("The body has a field that is not known");
    }

    static ApiException malformed(String description) {
        return ApiException.oauth(400, "invalid_request", description);
    }
}
