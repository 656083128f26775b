package torii.platform.control;

import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import java.io.StringReader;
import java.util.Optional;

/** JSON text read strictly: one object, and nothing after it. */
public interface JsonObjects {

    JsonProvider JSON = JsonProvider.provider();

    /** The text as one JSON object with nothing after it; empty when it is malformed or holds anything else. */
    static Optional<JsonObject> onlyObject(String text) {
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
}
