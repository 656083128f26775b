package torii.apps.boundary;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import torii.apps.entity.App;

/** An application as the users it is granted to see it. */
@JsonbPropertyOrder({"id", "name", "description"})
public record AppInfo(String id, String name, String description) {

    static AppInfo of(App app) {
        return new AppInfo(app.id(), app.name(), app.description());
    }
}
