package torii.apps.boundary;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * An application a user holds, and by which grant: {@code user} for their own, {@code group:<name>} for a group's; an
 * application held both ways is listed once for each. Components are named as the JSON fields are.
 */
@JsonbPropertyOrder({"app", "name", "via"})
public record UserApp(String app, String name, String via) {
}
