package torii.platform.boundary;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.Optional;
import torii.platform.control.JsonObjects;
import torii.platform.control.Refusal.Kind;
import torii.platform.control.Refusal;

/**
 * Reads the JSON bodies of this API's own requests strictly, where JSON-B would bend: the body is UTF-8 holding one
 * JSON object and nothing after it; each member names a field of the target type and has that field's JSON type (a
 * string for text, true or false for a flag, an array of strings for a set of names; null for any of them); unknown
 * members are refused rather than ignored, so that a misspelt field is never silently lost. Each refusal is a 400
 * naming the member. Only then is the body bound, by the runtime's JSON-B provider. No JSON-B implementation offers
 * these rules as settings; an interceptor rather than a reader of its own, since a runtime may choose its JSON-B reader
 * over another for the same type.
 */
@Provider
@Priority(Priorities.ENTITY_CODER)
public class StrictJson implements ReaderInterceptor {

    /** This API's request types, in JSON; the gateway reads OpenAI's bodies, which it passes on, as text. */
    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        var type = context.getType();
        if (!type.getPackageName().startsWith("torii.") || context.getMediaType() == null
                || !context.getMediaType().isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
            return context.proceed();
        }
        var bytes = context.getInputStream().readAllBytes();
        var text = utf8(bytes);
        if (!text.isBlank()) {
            object(text).forEach((name, value) -> check(type, name, value));
        }
        context.setInputStream(new ByteArrayInputStream(bytes));
        return context.proceed();
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
        return JsonObjects.onlyObject(text).orElseThrow(() -> malformed("The body must be one JSON object and nothing after it"));
    }

    /** 400 unless the type has a field of this name whose JSON type the value has. */
    static void check(Class<?> type, String name, JsonValue value) {
        var field = field(type, name).orElseThrow(() -> unknown(name));
        if (value.getValueType() == JsonValue.ValueType.NULL) {
            if (field.raw().isPrimitive()) {
                throw Refusal.invalidParam(name, "must not be null");
            }
            return;
        }
        var expected = expected(field.raw(), field.generic());
        if (!expected.accepts(value)) {
            throw Refusal.invalidParam(name, "must be " + expected.description);
        }
        if (holdsNul(value)) {
            // No text of this API holds one, and some databases cannot store it at all.
            throw Refusal.invalidParam(name, "must not contain NUL characters");
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
    enum Expected {
        TEXT("a string"), FLAG("true or false"), NUMBER("a whole number"), NAMES("an array of strings");

        final String description;

        Expected(String description) {
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

    static Expected expected(Class<?> raw, Type generic) {
        if (raw == String.class) {
            return Expected.TEXT;
        }
        if (raw == Boolean.class || raw == boolean.class) {
            return Expected.FLAG;
        }
        if (raw == Integer.class || raw == int.class || raw == Long.class || raw == long.class) {
            return Expected.NUMBER;
        }
        if (Collection.class.isAssignableFrom(raw) && generic instanceof ParameterizedType parameterized
                && parameterized.getActualTypeArguments()[0] == String.class) {
            return Expected.NAMES;
        }
        throw new IllegalStateException("No JSON rule for a field of type " + generic);
    }

    static Refusal unknown(String name) {
        var presentable = name.length() <= 64 && name.chars().noneMatch(Character::isISOControl);
        return presentable ? Refusal.invalidParam(name, "unknown field")
                : malformed("The body has a field that is not known");
    }

    static Refusal malformed(String description) {
        return Refusal.oauth(Kind.INVALID, "invalid_request", description);
    }
}
