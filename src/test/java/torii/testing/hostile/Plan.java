package torii.testing.hostile;

import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.stream.Collectors;

/** A generated request before it is built: the operation, the caller, the values a client would send, the mutations. */
public record Plan(OpenApi.Operation operation, List<Field> fields, Credential credential, List<Given> given,
        List<Mutation> mutations) {

    /** A field's value before any mutation. */
    public record Given(Field field, JsonValue value) {
    }

    public Draft draft() {
        var draft = new Draft(operation, credential, fields);
        for (var value : given) {
            var field = value.field();
            var text = value.value() instanceof JsonString string ? string.getString() : value.value().toString();
            var wire = field.encoded() ? Wire.percent(text) : Wire.json(value.value());
            draft.put(field, wire, value.value());
        }
        for (var mutation : mutations) {
            mutation.apply(draft);
            draft.mutations.add(mutation.toString());
        }
        return draft;
    }

    @Override
    public String toString() {
        return operation + " as " + credential + ": " + mutations.stream().map(Mutation::toString)
                .collect(Collectors.joining(", "));
    }
}
