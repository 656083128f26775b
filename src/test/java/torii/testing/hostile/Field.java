package torii.testing.hostile;

import jakarta.json.JsonObject;

/** A named part of a request the document describes: a path or query parameter, a property of a form or JSON body. */
public record Field(Where where, String name, JsonObject schema, boolean required, String description) {

    /** Where the field travels. */
    public enum Where {
        PATH, QUERY, FORM, JSON
    }

    /** A day as YYYY-MM-DD, by the document's own words: this API names no date format in its schemas. */
    public boolean dateLike() {
        return description.contains("YYYY-MM-DD") || "date".equals(schema.getString("format", ""));
    }

    /** Where a value is text in the request line or a form: what percent-encoding, value-less and repeats apply to. */
    public boolean encoded() {
        return where != Where.JSON;
    }

    public String type() {
        return schema.getString("type", "string");
    }

    @Override
    public String toString() {
        return where.name().toLowerCase() + " " + name;
    }
}
