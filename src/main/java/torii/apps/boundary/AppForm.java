package torii.apps.boundary;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import torii.apps.entity.App;
import torii.apps.entity.Backend;
import torii.platform.control.Refusal.Kind;
import torii.platform.control.Refusal;

/**
 * An application as an administrator writes it; the id is given on creation and fixed after.
 * <p>A class, not a record: Payara's OpenAPI scanner fails on constraints of record components.
 */
public class AppForm {

    @Pattern(regexp = "[a-z][a-z0-9-]{1,31}",
            message = "must be 2 to 32 lowercase letters, digits or hyphens, starting with a letter")
    public String id;

    @NotNull @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank") @Size(max = 255)
    public String name;

    @Size(max = 1024)
    public String description;

    @NotNull @Pattern(regexp = "echo|openai|azure-openai|http",
            message = "must be echo, openai, azure-openai or http")
    public String backend;

    @Size(max = 512) @Pattern(regexp = "https?://[^\\s]+", message = "must be an http or https URL")
    public String base_url;

    @Size(max = 128)
    public String model;

    @Size(max = 512) @Pattern(regexp = "https?://[^\\s]+", message = "must be an http or https URL")
    public String docs_url;

    App app() {
        return describe(new App(id, name, description, Backend.ECHO, null, null));
    }

    App describe(App app) {
        try {
            return app.describe(name, description, Backend.ofLabel(backend).orElseThrow(), base_url, model, docs_url);
        } catch (IllegalArgumentException e) {
            throw new Refusal(Kind.INVALID, "invalid_request", "base_url and model: " + e.getMessage(), null);
        }
    }
}
