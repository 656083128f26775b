package torii.gateway.control;

import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.util.Optional;

/**
 * JSON-P through one provider: {@code jakarta.json.Json} looks its provider up anew on every call, which costs more
 * than building a chunk.
 */
public interface JsonText {

    JsonProvider JSON = JsonProvider.provider();

    /** The text as a JSON object; empty when it is malformed or another kind of value. */
    static Optional<JsonObject> object(String text) {
        try (var reader = JSON.createReader(new StringReader(text))) {
            return reader.readValue() instanceof JsonObject object ? Optional.of(object) : Optional.empty();
        } catch (RuntimeException malformed) {
            return Optional.empty();
        }
    }
}
