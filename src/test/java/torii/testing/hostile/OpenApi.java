package torii.testing.hostile;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import torii.testing.Api;

/**
 * The server's own OpenAPI document, read as JSON, as the list of operations it promises: each with its parameters,
 * its request bodies by media type with every {@code $ref} into components/schemas resolved, and its scopes.
 */
public record OpenApi(JsonObject document) {

    static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch");

    /** One parameter of an operation, its schema resolved (a string where the document gives none). */
    public record Parameter(String name, String in, boolean required, String description, JsonObject schema) {
    }

    /**
     * One operation. {@code scopes} is null when the document asks for no token, else the scopes its OAuth 2.0
     * requirement names (possibly none).
     */
    public record Operation(String method, String path, List<Parameter> parameters, Map<String, JsonObject> bodies,
            List<String> scopes) {

        public boolean hasBody() {
            return !bodies.isEmpty();
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    public static OpenApi of(Api api) {
        var reply = api.get("openapi", "Accept", "application/json");
        if (reply.status() != 200) {
            throw new IllegalStateException("GET /openapi answered " + reply.status());
        }
        return new OpenApi(reply.json());
    }

    public List<Operation> operations() {
        var operations = new ArrayList<Operation>();
        document.getJsonObject("paths").forEach((path, item) -> {
            for (var method : METHODS) {
                var operation = item.asJsonObject().getJsonObject(method);
                if (operation != null) {
                    operations.add(operation(method.toUpperCase(), path, operation));
                }
            }
        });
        return operations;
    }

    Operation operation(String method, String path, JsonObject operation) {
        var parameters = new ArrayList<Parameter>();
        for (var value : operation.getJsonArray("parameters") == null ? JsonValue.EMPTY_JSON_ARRAY
                : operation.getJsonArray("parameters")) {
            var parameter = resolve(value).asJsonObject();
            var schema = parameter.containsKey("schema") ? resolve(parameter.get("schema")).asJsonObject()
                    : Json.createObjectBuilder().add("type", "string").build();
            parameters.add(new Parameter(parameter.getString("name"), parameter.getString("in"),
                    parameter.getBoolean("required", false), parameter.getString("description", ""), schema));
        }
        var bodies = new LinkedHashMap<String, JsonObject>();
        if (operation.containsKey("requestBody")) {
            resolve(operation.get("requestBody")).asJsonObject().getJsonObject("content").forEach((type, media) ->
                    bodies.put(type, resolve(media.asJsonObject().getOrDefault("schema", JsonValue.EMPTY_JSON_OBJECT))
                            .asJsonObject()));
        }
        var security = operation.containsKey("security") ? operation.getJsonArray("security")
                : document.getJsonArray("security");
        return new Operation(method, path, List.copyOf(parameters), bodies, scopes(security));
    }

    /** The scopes of the first requirement (this API states one); null if there is none or it is empty ({}). */
    static List<String> scopes(JsonArray security) {
        if (security == null || security.isEmpty() || security.getJsonObject(0).isEmpty()) {
            return null;
        }
        var scopes = new ArrayList<String>();
        security.getJsonObject(0).values().forEach(names -> names.asJsonArray()
                .forEach(name -> scopes.add(((JsonString) name).getString())));
        return List.copyOf(scopes);
    }

    /** The value with every {@code $ref} replaced by what it names, however deep. */
    public JsonValue resolve(JsonValue value) {
        return resolve(value, 0);
    }

    JsonValue resolve(JsonValue value, int depth) {
        if (depth > 32) {
            throw new IllegalStateException("A $ref cycle in the OpenAPI document");
        }
        if (value instanceof JsonObject object) {
            if (object.containsKey("$ref")) {
                return resolve(pointer(object.getString("$ref")), depth + 1);
            }
            var resolved = Json.createObjectBuilder();
            object.forEach((name, member) -> resolved.add(name, resolve(member, depth + 1)));
            return resolved.build();
        }
        if (value instanceof JsonArray array) {
            var resolved = Json.createArrayBuilder();
            array.forEach(item -> resolved.add(resolve(item, depth + 1)));
            return resolved.build();
        }
        return value;
    }

    /** A local reference such as #/components/schemas/NewUser. */
    JsonValue pointer(String ref) {
        if (!ref.startsWith("#/")) {
            throw new IllegalArgumentException("Only local references are expected, not " + ref);
        }
        JsonValue target = document;
        for (var name : ref.substring(2).split("/")) {
            target = target.asJsonObject().get(name.replace("~1", "/").replace("~0", "~"));
            if (target == null) {
                throw new IllegalStateException("Unresolvable $ref " + ref);
            }
        }
        return target;
    }
}
