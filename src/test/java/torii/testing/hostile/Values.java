package torii.testing.hostile;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * The values a client following the document would send, field by field: names the demo knows (so that requests reach
 * the code behind a lookup) and fresh ones. Values that would end the run's own logins are never generated: the
 * real current passwords in a password change, the run's tokens in a revocation; and a full administrator changes
 * or deletes no user and no application the run relies on (the generated requests of other callers may name them).
 */
public final class Values {

    /** Users, applications and clients that the run's tokens and the demo's grants depend on. */
    static final Set<String> KEPT = Set.of("johndoe", "admin", "translator", "summarizer", "demo-service", "docs",
            "chat");

    static final String DIGITS = "0123456789";
    static final String LOWER_AND_DIGITS = "abcdefghijklmnopqrstuvwxyz" + DIGITS;
    static final String LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

    private final List<String> tokens;

    /** @param tokens values for the {@code token} of a revocation or introspection: never one of the run's own */
    public Values(List<String> tokens) {
        this.tokens = tokens;
    }

    public Gen<JsonValue> of(Field field, OpenApi.Operation operation, Credential credential) {
        var changes = !operation.method().equals("GET");
        var kept = changes && credential.kind() == Credential.Kind.ADMIN;
        return switch (field.where()) {
            case PATH -> path(field.name(), kept);
            case QUERY -> query(field);
            case FORM -> form(field);
            case JSON -> json(field);
        };
    }

    Gen<JsonValue> path(String name, boolean kept) {
        var known = switch (name) {
            case "username" -> List.of("johndoe", "alice", "admin", "nobody");
            case "id" -> List.of("translator", "summarizer", "no-such-app");
            case "group" -> List.of("user", "admin", "no-such-group");
            case "client" -> List.of("demo-service", "chat", "no-such-client");
            default -> List.<String>of();
        };
        var names = Generate.oneOf(Gens.of(known.isEmpty() ? List.of("x") : known), fresh());
        return (kept ? Gens.filtered(names, value -> !KEPT.contains(value), "but the run's own users, apps and clients")
                : names).map(Json::createValue);
    }

    Gen<JsonValue> query(Field field) {
        if (field.dateLike()) {
            return Generate.range(0, 800).map(days -> Json.createValue(
                    java.time.LocalDate.of(2025, 1, 1).plusDays(days).toString()));
        }
        return strings(switch (field.name()) {
            case "page" -> List.of("0", "1", "2");
            case "size" -> List.of("1", "10", "50", "500");
            case "username" -> List.of("johndoe", "admin", "nobody");
            case "app" -> List.of("translator", "summarizer", "nothing");
            case "q" -> List.of("john", "a", "example.com");
            default -> List.of("x");
        });
    }

    Gen<JsonValue> form(Field field) {
        return switch (field.name()) {
            case "grant_type" -> strings(List.of("password", "refresh_token", "client_credentials"));
            case "username" -> Generate.oneOf(strings(List.of("johndoe", "admin", "alice", "nobody")),
                    fresh().map(Json::createValue));
            case "password" -> strings(List.of("secret", "secretadmin", "wrong-password", "x"));
            case "scope" -> strings(List.of("me", "items me", "admin", "app:translator",
                    "admin me items app:summarizer"));
            case "client_id" -> strings(List.of("docs", "chat", "demo-service", "no-such-client"));
            case "client_secret" -> strings(List.of("demo-service-secret", "wrong-secret"));
            case "refresh_token" -> Gens.strings(LOWER_AND_DIGITS, 43, 43).map(Json::createValue);
            case "token" -> strings(tokens);
            default -> json(field);
        };
    }

    Gen<JsonValue> json(Field field) {
        var schema = field.schema();
        Gen<JsonValue> named = switch (field.name()) {
            // Never the real password: a password change of the run's own users would end their tokens.
            case "current_password" -> strings(List.of("not-the-password", "wrong-password"));
            case "new_password", "password" -> Gens.strings(LETTERS, 8, 20).map(Json::createValue);
            case "email" -> strings(List.of("someone@example.com", "x@example.org"));
            case "full_name", "name" -> strings(List.of("Jane Doe", "Ünïcödé Näme", "x"));
            case "description" -> strings(List.of("A test application", ""));
            case "base_url" -> strings(List.of("http://127.0.0.1:9/v1", "https://example.com/v1"));
            case "model" -> strings(List.of("translator", "summarizer", "no-such-model"));
            case "user" -> strings(List.of("johndoe", "alice", "nobody"));
            case "group" -> strings(List.of("user", "admin"));
            case "messages" -> Gens.<JsonValue>just(Json.createArrayBuilder()
                    .add(Json.createObjectBuilder().add("role", "user").add("content", "hello there")).build());
            default -> null;
        };
        return named != null ? named : bySchema(schema);
    }

    /** A value of the schema's type that keeps its enum, pattern and lengths. */
    static Gen<JsonValue> bySchema(JsonObject schema) {
        if (schema.containsKey("enum")) {
            return Gens.of(schema.getJsonArray("enum"));
        }
        return switch (schema.getString("type", "string")) {
            case "boolean" -> Gens.of(JsonValue.TRUE, JsonValue.FALSE);
            case "integer" -> Generate.range(0, 100).map(Json::createValue);
            case "array" -> Gens.upTo(bySchema(schema.getJsonObject("items") == null ? JsonValue.EMPTY_JSON_OBJECT
                    : schema.getJsonObject("items")), 3).map(items -> Json.createArrayBuilder(items).build());
            case "object" -> Gens.just(JsonValue.EMPTY_JSON_OBJECT);
            default -> schema.containsKey("pattern")
                    ? Gens.filtered(fresh(), Pattern.compile(schema.getString("pattern")).asPredicate(),
                            "matching " + schema.getString("pattern")).map(Json::createValue)
                    : Gens.strings(LETTERS + DIGITS, 1, 12).map(Json::createValue);
        };
    }

    /** A name no demo user or application has: lower case, starting with a letter, as every pattern here allows. */
    static Gen<String> fresh() {
        return Gens.strings(LOWER_AND_DIGITS, 3, 12).map(name -> "h" + name);
    }

    static Gen<JsonValue> strings(List<String> values) {
        return Gens.of(values).map(Json::createValue);
    }
}
