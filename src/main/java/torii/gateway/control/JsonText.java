package torii.gateway.control;

import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;
import java.util.Optional;
import torii.errors.boundary.StrictJson;

/**
 * JSON-P through one provider: {@code jakarta.json.Json} looks its provider up anew on every call, which costs more
 * than building a chunk.
 */
public interface JsonText {

    JsonProvider JSON = JsonProvider.provider();

    /** The text as one JSON object; empty when it is malformed, another kind of value, or followed by more. */
    static Optional<JsonObject> object(String text) {
        return StrictJson.onlyObject(text);
    }
}
