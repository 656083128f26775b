package torii.apps.boundary;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Locale;
import torii.apps.entity.App;
import torii.apps.entity.Backend;
import torii.errors.boundary.ApiException;

/** An application as an administrator writes it; the id is given on creation and fixed after. */
@JsonbPropertyOrder({"id", "name", "description", "backend", "base_url", "model"})
public record AppForm(
        @Pattern(regexp = "[a-z][a-z0-9-]{1,31}",
                message = "must be 2 to 32 lowercase letters, digits or hyphens, starting with a letter") String id,
        @NotBlank @Size(max = 255) String name,
        @Size(max = 1024) String description,
        @NotNull @Pattern(regexp = "echo|openai", message = "must be echo or openai") String backend,
        @Size(max = 512) @Pattern(regexp = "https?://[^\\s]+", message = "must be an http or https URL") String base_url,
        @Size(max = 128) String model) {

    App app() {
        return describe(new App(id, name, description, Backend.ECHO, null, null));
    }

    App describe(App app) {
        try {
            return app.describe(name, description, Backend.valueOf(backend.toUpperCase(Locale.ROOT)), base_url, model);
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "invalid_request", "base_url and model: " + e.getMessage(), null);
        }
    }
}
