package torii.users.boundary;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/** An item a user owns, in the shape of the FastAPI tutorial; components are named as the JSON fields are. */
@JsonbPropertyOrder({"item_id", "owner"})
public record Item(String item_id, String owner) {
}
