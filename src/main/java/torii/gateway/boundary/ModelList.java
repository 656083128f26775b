package torii.gateway.boundary;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;
import torii.apps.entity.App;

/** OpenAI's list of models: here, the applications the caller may use. */
@JsonbPropertyOrder({"object", "data"})
public record ModelList(String object, List<Model> data) {

    static ModelList of(List<App> apps) {
        return new ModelList("list", apps.stream().map(Model::of).toList());
    }

    /** One application as OpenAI describes a model; applications keep no creation time, so it is 0. */
    @JsonbPropertyOrder({"id", "object", "created", "owned_by", "name", "description"})
    public record Model(String id, String object, long created, String owned_by, String name, String description) {

        static Model of(App app) {
            return new Model(app.id(), "model", 0, "torii", app.name(), app.description());
        }
    }
}
