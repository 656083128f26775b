package torii.apps.boundary;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import torii.apps.entity.App;
import torii.apps.entity.Backend;

/**
 * An application as the users it is granted to see it: a chat model, called through {@code /v1} with its id as the
 * model, or an API, called at its {@code path} with a link to its own documentation if it has one.
 */
@JsonbPropertyOrder({"id", "name", "description", "kind", "path", "docs_url"})
public record AppInfo(String id, String name, String description, String kind, String path, String docs_url) {

    public static final String CHAT = "chat";
    public static final String API = "api";

    static AppInfo of(App app) {
        return app.backend() == Backend.HTTP
                ? new AppInfo(app.id(), app.name(), app.description(), API, "/apps/" + app.id() + "/", app.docsUrl())
                : new AppInfo(app.id(), app.name(), app.description(), CHAT, null, null);
    }
}
