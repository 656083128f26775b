package torii.apps.boundary;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import torii.apps.entity.App;

/** An application as an administrator reads it: everything but the upstream key, of which only its presence. */
@JsonbPropertyOrder({"id", "name", "description", "backend", "base_url", "model", "docs_url", "api_key_configured"})
public record AppDetails(String id, String name, String description, String backend, String base_url, String model,
        String docs_url, boolean api_key_configured) {

    static AppDetails of(App app, boolean keyConfigured) {
        return new AppDetails(app.id(), app.name(), app.description(), app.backend().label(), app.baseUrl(),
                app.model(), app.docsUrl(), keyConfigured);
    }
}
